#include "ui/access/ClipboardGuard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace lantern::ui {

ClipboardGuard::ClipboardGuard(QObject* parent) : QObject(parent)
{
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &ClipboardGuard::onChanged);
}

void ClipboardGuard::onChanged()
{
    // dataChanged also fires when another program copies; only a change made
    // while a Lantern window has focus is ours.
    if (QGuiApplication::focusWindow() != nullptr)
        m_own = QGuiApplication::clipboard()->text();
}

bool ClipboardGuard::holdsOwnText() const
{
    const QString now = QGuiApplication::clipboard()->text();
    return !m_own.isEmpty() && now == m_own;
}

void ClipboardGuard::clearOwnText()
{
    if (holdsOwnText())
        QGuiApplication::clipboard()->clear();
    m_own.clear();
}

} // namespace lantern::ui
