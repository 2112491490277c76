#include "core/common/TextPdf.h"

#include <QList>

namespace lantern {

namespace {

constexpr int kLinesPerPage = 56;
constexpr int kMaxChars = 95; // Helvetica 10 pt across an A4 page with margins

// Windows-1252 for the standard font's WinAnsiEncoding, PDF string escapes applied.
QByteArray pdfString(const QString& text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '(';
    for (QChar c : text) {
        const char16_t u = c.unicode();
        char b = '?';
        if (u == u'\u2014')
            b = char(0x97);
        else if (u == u'\u2013')
            b = char(0x96);
        else if (u == u'\u00B7')
            b = char(0xB7);
        else if ((u >= 0x20 && u < 0x7F) || (u >= 0xA0 && u <= 0xFF))
            b = char(u);
        if (b == '(' || b == ')' || b == '\\')
            out += '\\';
        out += b;
    }
    out += ')';
    return out;
}

QStringList wrapped(const QStringList& lines)
{
    QStringList out;
    for (const QString& line : lines) {
        QString rest = line;
        while (rest.size() > kMaxChars) {
            qsizetype cut = rest.lastIndexOf(QLatin1Char(' '), kMaxChars);
            if (cut <= 0)
                cut = kMaxChars;
            out << rest.left(cut);
            rest = QStringLiteral("    ") + rest.mid(cut).trimmed();
        }
        out << rest;
    }
    return out;
}

QByteArray textLine(const char* font, int size, int x, int y, const QString& text)
{
    return QByteArray("BT /") + font + ' ' + QByteArray::number(size) + " Tf " + QByteArray::number(x) + ' ' +
           QByteArray::number(y) + " Td " + pdfString(text) + " Tj ET\n";
}

} // namespace

QByteArray textPdf(const QString& title, const QStringList& lines, const QString& pageMark)
{
    const QStringList all = wrapped(lines);
    QList<QStringList> pages;
    for (qsizetype i = 0; i < all.size(); i += kLinesPerPage)
        pages.append(all.mid(i, kLinesPerPage));
    if (pages.isEmpty())
        pages.append(QStringList());

    // Objects: 1 catalog, 2 page tree, 3 regular font, 4 bold font, then per page: page, content.
    QList<QByteArray> objects;
    objects << QByteArray(); // catalog, filled below
    objects << QByteArray(); // page tree, filled below
    objects << "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    objects << "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
    QByteArray kids;
    const int total = int(pages.size());
    for (int p = 0; p < total; ++p) {
        QByteArray content;
        content += "1 0 0 rg\n";
        content += textLine("F2", 12, 50, 805, pageMark);
        content += textLine("F2", 12, 50, 30, pageMark);
        content += "0 0 0 rg\n";
        content += textLine("F2", 11, 50, 785, title);
        content += textLine("F1", 9, 470, 30, QStringLiteral("page %1 of %2").arg(p + 1).arg(total));
        int y = 760;
        for (const QString& line : pages.at(p)) {
            content += textLine("F1", 10, 50, y, line);
            y -= 13;
        }
        const int pageObj = int(objects.size()) + 1;
        objects << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
                       QByteArray::number(pageObj + 1) + " 0 R >>";
        objects << "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream";
        kids += QByteArray::number(pageObj) + " 0 R ";
    }
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
    objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(total) + " >>";

    QByteArray pdf("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype off : offsets)
        pdf += QByteArray::number(off).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace lantern
