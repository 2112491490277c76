#include "BulkExport.h"

#include "FhirJson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

constexpr int kMaxJobs = 16;

ApiResponse bad(const QString& message)
{
    return ApiResponse::outcome(400, u"invalid"_s, message);
}

} // namespace

BulkExportManager::BulkExportManager(FhirStore& store, int pollsBeforeReady)
    : m_store(store), m_pollsBeforeReady(pollsBeforeReady)
{
}

BulkExportManager::~BulkExportManager()
{
    std::lock_guard lock(m_mutex);
    for (auto& [id, job] : m_jobs)
        if (job->worker.joinable())
            job->worker.join();
}

int BulkExportManager::jobNumber(const QString& jobId)
{
    return jobId.startsWith(u"job-"_s) ? jobId.mid(4).toInt() : 0;
}

void BulkExportManager::retire(std::unique_ptr<Job> job)
{
    if (job && job->worker.joinable())
        job->worker.join();
}

ApiResponse BulkExportManager::kickOff(const ApiRequest& req, ExportLevel level, const QString& groupId)
{
    if (!req.header("prefer").contains(u"respond-async"_s, Qt::CaseInsensitive))
        return bad(u"Bulk export needs the header Prefer: respond-async."_s);
    ExportSelection selection;
    for (const auto& [name, value] : req.query) {
        if (name == u"_type"_s) {
            const QStringList types = value.split(u',', Qt::SkipEmptyParts);
            for (const QString& t : types) {
                if (!fhir::isKnownResourceType(t))
                    return bad(u"_type names '"_s + t + u"', which is not a FHIR R4 resource type."_s);
                selection.types.append(t);
            }
        } else if (name == u"_since"_s) {
            selection.sinceMs = fhir::parseInstant(value);
            if (!selection.sinceMs)
                return bad(u"_since must be a FHIR instant."_s);
        } else if (name == u"_outputFormat"_s) {
            static const QStringList formats{u"application/fhir+ndjson"_s, u"application/ndjson"_s, u"ndjson"_s};
            if (!formats.contains(value))
                return bad(u"Only NDJSON output is supported."_s);
        } else if (name == u"_typeFilter"_s || name == u"_elements"_s) {
            return bad(u"The simulator does not support "_s + name + u"."_s);
        }
    }
    if (level == ExportLevel::Group) {
        const auto group = m_store.readObject(u"Group"_s, groupId);
        if (!group)
            return ApiResponse::outcome(404, u"not-found"_s, u"Group/"_s + groupId + u" does not exist."_s);
        QSet<QString> members;
        const QJsonArray array = group->value(u"member"_s).toArray();
        for (const QJsonValue& m : array) {
            const QString ref = m.toObject().value(u"entity"_s).toObject().value(u"reference"_s).toString();
            if (ref.startsWith(u"Patient/"_s) && !m.toObject().value(u"inactive"_s).toBool())
                members.insert(ref);
        }
        selection.patients = members;
    } else if (level == ExportLevel::Patient) {
        SearchQuery all;
        all.type = u"Patient"_s;
        QSet<QString> patients;
        const QStringList ids = m_store.matchIds(all);
        for (const QString& id : ids)
            patients.insert(u"Patient/"_s + id);
        selection.patients = patients;
    }

    auto job = std::make_unique<Job>();
    job->request = req.url();
    job->base = req.base;
    job->transactionTimeMs = m_store.clock().nowMSecs();
    job->snapshot = m_store.exportSnapshot(selection);
    Job* raw = job.get();
    // Building the files is the slow part for a big hospital: do it off the request thread.
    // The worker starts before the job is visible, so nobody can join or free it half-made.
    raw->worker = std::thread([raw] {
        for (auto it = raw->snapshot.cbegin(); it != raw->snapshot.cend(); ++it) {
            QByteArray ndjson;
            for (const QByteArray& line : it.value()) {
                ndjson += line;
                ndjson += '\n';
            }
            raw->files.insert(it.key(), ndjson);
        }
        raw->done = true;
    });
    std::unique_ptr<Job> evicted;
    QString id;
    {
        std::lock_guard lock(m_mutex);
        const int number = m_nextJob++;
        id = u"job-"_s + QString::number(number);
        raw->id = id;
        if (int(m_jobs.size()) >= kMaxJobs) {
            evicted = std::move(m_jobs.begin()->second);
            m_jobs.erase(m_jobs.begin());
        }
        m_jobs.emplace(number, std::move(job));
    }
    retire(std::move(evicted));
    ApiResponse r = ApiResponse::outcome(202, u"informational"_s, u"Export started."_s, u"information"_s);
    r.setHeader("Content-Location", (req.base + u"/$export-status/"_s + id).toUtf8());
    return r;
}

ApiResponse BulkExportManager::poll(const QString& jobId, const ApiRequest& req)
{
    Q_UNUSED(req)
    std::lock_guard lock(m_mutex);
    const auto it = m_jobs.find(jobNumber(jobId));
    if (it == m_jobs.end())
        return ApiResponse::outcome(404, u"not-found"_s, u"No export job "_s + jobId + u"; it may have expired."_s);
    Job& job = *it->second;
    if (!job.done || job.polls < m_pollsBeforeReady) {
        ++job.polls;
        ApiResponse r = ApiResponse::empty(202);
        r.setHeader("X-Progress",
            job.done ? QByteArrayLiteral("finishing") : QByteArrayLiteral("building NDJSON files"));
        r.setHeader("Retry-After", "1");
        return r;
    }
    QJsonArray output;
    for (auto f = job.snapshot.cbegin(); f != job.snapshot.cend(); ++f)
        output.append(QJsonObject{{u"type"_s, f.key()},
            {u"url"_s, QString(job.base + u"/$export-output/"_s + job.id + u'/' + f.key() + u".ndjson"_s)},
            {u"count"_s, int(f.value().size())}});
    const QJsonObject manifest{{u"transactionTime"_s, fhir::instant(job.transactionTimeMs)},
        {u"request"_s, job.request}, {u"requiresAccessToken"_s, false}, {u"output"_s, output},
        {u"error"_s, QJsonArray{}}};
    return ApiResponse::json(200, manifest, QByteArrayLiteral("application/json"));
}

ApiResponse BulkExportManager::cancel(const QString& jobId)
{
    std::unique_ptr<Job> job;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_jobs.find(jobNumber(jobId));
        if (it == m_jobs.end())
            return ApiResponse::outcome(404, u"not-found"_s, u"No export job "_s + jobId + u"."_s);
        job = std::move(it->second);
        m_jobs.erase(it);
    }
    retire(std::move(job));
    return ApiResponse::outcome(202, u"informational"_s, u"Export job deleted."_s, u"information"_s);
}

ApiResponse BulkExportManager::file(const QString& jobId, const QString& fileName)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_jobs.find(jobNumber(jobId));
    const QString type = fileName.endsWith(u".ndjson"_s) ? fileName.chopped(7) : QString();
    if (it == m_jobs.end() || !it->second->done || !it->second->files.contains(type))
        return ApiResponse::outcome(404, u"not-found"_s, u"No such export file."_s);
    const QByteArray& lines = it->second->files.value(type);
    ApiResponse r = ApiResponse::raw(200, lines, QByteArrayLiteral("application/fhir+ndjson"));
    r.countServed(type, lines.count('\n'));
    return r;
}

int BulkExportManager::jobCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_jobs.size());
}

} // namespace lantern::sim
