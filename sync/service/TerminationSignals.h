#pragma once
// SIGTERM and SIGINT (systemd stop, Ctrl+C) as a Qt signal: the handler only
// writes a byte to a pipe (self-pipe trick, async-signal-safe), and a socket
// notifier in the thread that owns this object emits received(). One per
// process; the handlers stay installed for the process's life.
//
//     TerminationSignals signals;
//     if (!signals.install().ok()) ...
//     connect(&signals, &TerminationSignals::received, &service, &MirrorService::stop);

#include "core/common/Result.h"

#include <QObject>

class QSocketNotifier;

namespace lantern::sync {

class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject* parent = nullptr);
    ~TerminationSignals() override;

    Status install();
    int count() const { return m_count; }

Q_SIGNALS:
    void received(); // once per delivered signal

private:
    void drain();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace lantern::sync
