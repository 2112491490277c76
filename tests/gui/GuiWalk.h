#pragma once
// Collects every piece of text a person could read in the visible widgets:
// labels, line edits, text views, tab titles, buttons and the display data of
// item views' models.

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStringList>
#include <QTabWidget>
#include <QTextEdit>

namespace lantern::test {

inline void collectModelText(const QAbstractItemModel* model, const QModelIndex& parent, QStringList& out)
{
    if (!model)
        return;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        for (int c = 0; c < model->columnCount(parent); ++c) {
            const QModelIndex i = model->index(r, c, parent);
            out << i.data(Qt::DisplayRole).toString() << i.data(Qt::ToolTipRole).toString();
            if (c == 0 && model->hasChildren(i))
                collectModelText(model, i, out);
        }
    }
}

inline QStringList visibleTexts()
{
    QStringList out;
    const QList<QWidget*> all = QApplication::allWidgets();
    for (QWidget* w : all) {
        if (!w->isVisible())
            continue;
        out << w->windowTitle() << w->toolTip();
        if (auto* l = qobject_cast<QLabel*>(w))
            out << l->text();
        if (auto* e = qobject_cast<QLineEdit*>(w))
            out << e->text();
        if (auto* t = qobject_cast<QTextEdit*>(w))
            out << t->toPlainText();
        if (auto* b = qobject_cast<QAbstractButton*>(w))
            out << b->text();
        if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                out << tabs->tabText(i);
        }
        if (auto* v = qobject_cast<QAbstractItemView*>(w))
            collectModelText(v->model(), {}, out);
    }
    return out;
}

} // namespace lantern::test
