#pragma once
// Small edits and reads of an entry's FHIR resource at upload time: its
// identifier (urn:ietf:rfc:3986 | urn:uuid:<uuid>, the key of every
// conditional create), patient references of downtime admissions, and the id
// and version the server gave back.

#include "sync/fhir/FhirTypes.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace lantern::sync {

QString entryIdentifierValue(const QString& uuid); // "urn:uuid:<uuid>"
// If-None-Exist / search: identifier=urn:ietf:rfc:3986|urn:uuid:<uuid>
SearchParams entryIdentifierQuery(const QString& uuid);

// The resource with the entry's identifier present (added when the recorder left it out).
QJsonObject withEntryIdentifier(QJsonObject resource, const QString& uuid);
// The uuids of every Lantern entry identifier the resource carries.
QStringList entryUuidsOf(const QJsonObject& resource);

// Every Reference "Patient/<localId>" anywhere in the resource becomes "Patient/<serverId>".
QJsonObject rewritePatientReferences(QJsonObject resource, const QString& localId, const QString& serverId);

// What a create should send: no id, no meta (the server assigns both).
QJsonObject forCreate(QJsonObject resource);

// The id the server gave the resource: the body's id, else the Location's "Type/id".
QString serverIdOf(const FhirResource& resource, const QString& type);

} // namespace lantern::sync
