#include "ui/access/IdleLock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

namespace lantern::ui {

IdleLock::IdleLock(int timeoutMSecs, QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(timeoutMSecs);
    connect(m_timer, &QTimer::timeout, this, &IdleLock::idle);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleLock::~IdleLock()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleLock::setTimeoutMSecs(int msecs)
{
    m_timer->setInterval(msecs);
    if (m_timer->isActive())
        m_timer->start();
}

int IdleLock::timeoutMSecs() const
{
    return m_timer->interval();
}

void IdleLock::start()
{
    m_timer->start();
}

void IdleLock::stop()
{
    m_timer->stop();
}

bool IdleLock::isActive() const
{
    return m_timer->isActive();
}

bool IdleLock::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
        if (m_timer->isActive())
            m_timer->start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace lantern::ui
