#pragma once
// The users of this vault as the record screens need them: the name a person
// is known by (the chart's "recorded by" marks show display names, never
// login names) and whether a username can witness a dose. Read through core
// (vault::UserRepository), once per chart or dialog.

#include "core/access/User.h"
#include "core/common/Result.h"
#include "core/model/PatientChart.h"

#include <QHash>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

class UserDirectory
{
public:
    UserDirectory() = default;
    static Result<UserDirectory> load(vault::Vault& vault);

    // The user's display name; the username itself when the vault does not know it.
    QString displayName(const QString& username) const;
    // nullptr when there is no such user (disabled users are kept: they recorded entries).
    const access::User* find(const QString& username) const;
    bool isEmpty() const { return m_users.isEmpty(); } // not loaded

    // The chart as the screens show it: the author of every entry recorded on
    // this device (LocalEntryMark::author, a username) replaced by the display name.
    model::PatientChart withDisplayNames(model::PatientChart chart) const;

private:
    QHash<QString, access::User> m_users;
};

} // namespace lantern::ui
