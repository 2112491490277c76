#pragma once
// Splits the ids of a search over many patients (patient=Patient/a,Patient/b,…,
// _id=a,b,…) into batches whose joined parameter value stays within a URL
// budget: as few requests as the server's URL limit allows, instead of a
// fixed number of patients per request. The budget is conservative (2 KB of
// URL is what proxies and servers in front of EHRs accept without exception),
// so a ward's 30 patients go in one request and a hospital's 1,000 in a dozen.

#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::sync {

class PatientBatcher
{
public:
    // Characters of one joined parameter value (after percent-encoding of the commas).
    static constexpr int kMaxValueChars = 1500;

    // `prefix` is prepended to every id in the value ("Patient/" for references,
    // empty for _id). Every batch holds at least one id; order is kept.
    static QList<QStringList> batches(const QStringList& ids, const QString& prefix = QString(),
                                      int maxValueChars = kMaxValueChars);
};

} // namespace lantern::sync
