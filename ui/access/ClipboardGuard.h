#pragma once
// Remembers text that Lantern itself put on the clipboard (copied while one
// of its windows had focus) so that locking can take it off again without
// touching what the user copied in other programs.

#include <QObject>
#include <QString>

namespace lantern::ui {

class ClipboardGuard : public QObject
{
    Q_OBJECT

public:
    explicit ClipboardGuard(QObject* parent = nullptr);

    // Clears the clipboard if it still holds text Lantern put there.
    void clearOwnText();
    bool holdsOwnText() const;

private:
    void onChanged();

    QString m_own;
};

} // namespace lantern::ui
