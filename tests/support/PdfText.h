#pragma once
// What a PDF says, through poppler's tools as a reader would get it: the page
// count (pdfinfo) and the text of one page (pdftotext). For tests that check
// every printed page.

#include <QString>

namespace lantern::test {

int pdfPageCount(const QString& pdf);            // -1 when pdfinfo cannot read it
QString pdfPageText(const QString& pdf, int page); // "" for a page that does not exist

} // namespace lantern::test
