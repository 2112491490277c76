#include "ui/record/UserDirectory.h"

#include "core/vault/UserRepository.h"

namespace lantern::ui {

Result<UserDirectory> UserDirectory::load(vault::Vault& vault)
{
    auto users = vault::UserRepository(vault).all();
    if (!users.ok())
        return users.error();
    UserDirectory d;
    for (const access::User& u : std::as_const(*users))
        d.m_users.insert(u.username, u);
    return d;
}

QString UserDirectory::displayName(const QString& username) const
{
    const auto it = m_users.constFind(username);
    return it == m_users.constEnd() || it->displayName.trimmed().isEmpty() ? username : it->displayName;
}

const access::User* UserDirectory::find(const QString& username) const
{
    const auto it = m_users.constFind(username);
    return it == m_users.constEnd() ? nullptr : &*it;
}

model::PatientChart UserDirectory::withDisplayNames(model::PatientChart chart) const
{
    const auto rename = [this](model::LocalEntryMark& mark) { mark.author = displayName(mark.author); };
    for (model::LocalAnnotation& a : chart.orderAnnotations)
        rename(a.local);
    for (model::LocalAnnotation& a : chart.localNotes)
        rename(a.local);
    for (model::MedicationAdministration& a : chart.administrations) {
        if (a.local)
            rename(*a.local);
    }
    for (model::Allergy& a : chart.allergies) {
        if (a.local)
            rename(*a.local);
    }
    return chart;
}

} // namespace lantern::ui
