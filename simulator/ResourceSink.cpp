#include "ResourceSink.h"

#include "FhirJson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim::gen {

QString StoreSink::add(QJsonObject resource)
{
    auto written = m_writer.create(std::move(resource));
    // Generated resources are well-formed by construction; a failure here is a bug in the generator.
    Q_ASSERT(written.ok());
    return written.ok() ? fhir::refOf(written->type, written->id) : QString();
}

QString BufferSink::add(QJsonObject resource)
{
    PreparedResource p;
    p.type = resource.value(u"resourceType"_s).toString();
    const QString stem = idPrefix(p.type) + u'-' + QString::number(m_serial);
    p.id = p.type == u"Patient"_s ? stem : stem + u'-' + QString::number(++m_counters[p.type]);
    p.lastUpdatedMs = m_stampMs;
    resource.insert(u"id"_s, p.id);
    resource.insert(u"meta"_s,
        QJsonObject{{u"versionId"_s, u"1"_s}, {u"lastUpdated"_s, fhir::instant(m_stampMs)}});
    p.index = extractIndex(p.type, resource);
    p.json = QJsonDocument(resource).toJson(QJsonDocument::Compact);
    const QString ref = fhir::refOf(p.type, p.id);
    m_prepared.push_back(std::move(p));
    return ref;
}

} // namespace lantern::sim::gen
