#pragma once
// A small PDF of plain text lines (A4, Helvetica), for reports a headless
// command writes (lanternctl links no GUI library): one font, no images. Every
// page carries `pageMark` at its top and bottom and "page x of y". Characters
// outside Windows-1252 print as "?".

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace lantern {

QByteArray textPdf(const QString& title, const QStringList& lines, const QString& pageMark);

} // namespace lantern
