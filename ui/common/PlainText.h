#pragma once
// Text from the EHR (names, allergy substances, order notes, a server's
// message) is data, never markup: QLabel and tooltips guess "rich text" when a
// string looks like HTML, so `<img src=...>` in a patient's name would be
// rendered (or fetched) instead of shown. These helpers show it literally.

#include <QString>

class QLabel;

namespace lantern::ui {

class PlainText
{
public:
    // Sets the label to Qt::PlainText and shows `text` as it is.
    static void show(QLabel* label, const QString& text);
    // A tooltip that shows `text` literally (escaped; line breaks kept).
    static QString toolTip(const QString& text);
};

} // namespace lantern::ui
