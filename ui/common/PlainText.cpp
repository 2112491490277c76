#include "ui/common/PlainText.h"

#include <QLabel>
#include <QTextDocument>

namespace lantern::ui {

void PlainText::show(QLabel* label, const QString& text)
{
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
}

QString PlainText::toolTip(const QString& text)
{
    // Escaped and wrapped in <p>: a tooltip is then always read as rich text,
    // so "&lt;b&gt;" shows as "<b>" and never as bold or as the escape itself.
    return text.isEmpty() ? QString() : Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

} // namespace lantern::ui
