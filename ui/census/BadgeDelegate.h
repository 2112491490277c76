#pragma once
// Paints the census badges (allergy, pending entries) in their own colours
// even in the selected row: a selected patient's red allergy badge must stay
// red, so the selection is shown as a frame around the badge instead.

#include <QStyledItemDelegate>

namespace lantern::ui {

class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace lantern::ui
