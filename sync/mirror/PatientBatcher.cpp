#include "sync/mirror/PatientBatcher.h"

namespace lantern::sync {

QList<QStringList> PatientBatcher::batches(const QStringList& ids, const QString& prefix, int maxValueChars)
{
    constexpr int kEncodedComma = 3; // "%2C"
    QList<QStringList> out;
    QStringList batch;
    qsizetype length = 0;
    for (const QString& id : ids) {
        const qsizetype item = prefix.size() + id.size();
        if (!batch.isEmpty() && length + kEncodedComma + item > maxValueChars) {
            out.append(batch);
            batch.clear();
        }
        length = batch.isEmpty() ? item : length + kEncodedComma + item;
        batch.append(id);
    }
    if (!batch.isEmpty())
        out.append(batch);
    return out;
}

} // namespace lantern::sync
