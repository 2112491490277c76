#pragma once
// Application-wide inactivity watch: any key, mouse, wheel or touch event in
// any Lantern window restarts the countdown; when it runs out, idle() fires
// once and the owner locks. Installed on the QApplication, so dialogs count too.
// Locking when the desktop session locks is not done here: Qt offers no
// portable signal for it (it would need D-Bus logind/screensaver listeners).

#include <QObject>

class QTimer;

namespace lantern::ui {

class IdleLock : public QObject
{
    Q_OBJECT

public:
    explicit IdleLock(int timeoutMSecs, QObject* parent = nullptr);
    ~IdleLock() override;

    void setTimeoutMSecs(int msecs);
    int timeoutMSecs() const;
    // Watching only while patient data is shown.
    void start();
    void stop();
    bool isActive() const;

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer* m_timer;
};

} // namespace lantern::ui
