#pragma once
// Test helper: one FHIR file read with BundleReader, its resources grouped by
// patient, and a resolver that finds resources of the same file by fullUrl
// or Type/id — what the vault does for stored resources.

#include "TestSupport.h"
#include "core/fhir/BundleReader.h"
#include "core/fhir/ChartBuilder.h"

#include <QDir>
#include <QDirIterator>
#include <QHash>
#include <QStringList>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace lantern::test {

struct LoadedFhirFile
{
    fhir::FhirContent content;
    QHash<QString, QJsonObject> byReference; // fullUrl and "Type/id" → resource

    std::optional<QJsonObject> lookup(const QString& reference) const
    {
        auto it = byReference.constFind(reference);
        if (it == byReference.constEnd())
            it = byReference.constFind(content.references.resolve(reference));
        if (it == byReference.constEnd())
            return std::nullopt;
        return *it;
    }

    fhir::MedicationResolver resolver() const
    {
        return [this](const QString& reference) { return lookup(reference); };
    }

    QMap<QString, QList<QJsonObject>> byPatient() const
    {
        QMap<QString, QList<QJsonObject>> out;
        for (const fhir::BundleEntry& e : content.entries) {
            if (!e.index.patientId.isEmpty())
                out[e.index.patientId] << e.resource;
        }
        return out;
    }

    model::PatientChart chart(const QString& patientId) const
    {
        return fhir::buildChart(patientId, byPatient().value(patientId), resolver());
    }

    // The only patient of the file (the data has one per file); empty if not exactly one.
    QString onlyPatient() const
    {
        const auto patients = byPatient();
        return patients.size() == 1 ? patients.firstKey() : QString();
    }
};

// Every *.json below the data folder, relative to it, sorted.
inline QStringList allFhirDataFiles()
{
    QStringList files;
    QDirIterator it(fhirDataDir(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(fhirDataDir()).relativeFilePath(it.next());
    files.sort();
    return files;
}

inline QString fhirDataFile(const QString& relative)
{
    return fhirDataDir() + QLatin1Char('/') + relative;
}

inline Result<LoadedFhirFile> loadFhirFile(const QString& path)
{
    const QByteArray bytes = readFile(path);
    if (bytes.isEmpty())
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1").arg(path));
    Result<fhir::FhirContent> content = fhir::BundleReader::read(bytes);
    if (!content.ok())
        return content.error();
    LoadedFhirFile file;
    file.content = std::move(content).value();
    for (const fhir::BundleEntry& e : file.content.entries) {
        if (!e.fullUrl.isEmpty())
            file.byReference.insert(e.fullUrl, e.resource);
        file.byReference.insert(e.index.typeAndId(), e.resource);
    }
    return file;
}

// {patient: {allergies, activeMeds}} for one file, from Lantern's charts.
inline QJsonObject chartCounts(const LoadedFhirFile& file, QStringList* problems)
{
    QJsonObject out;
    const auto patients = file.byPatient();
    for (auto it = patients.cbegin(); it != patients.cend(); ++it) {
        const model::PatientChart chart = fhir::buildChart(it.key(), it.value(), file.resolver());
        for (const Error& e : chart.skipped)
            *problems << e.message;
        out.insert(it.key(), QJsonObject{{QStringLiteral("allergies"), int(chart.recordedAllergies().size())},
                                 {QStringLiteral("activeMeds"), int(chart.activeOrders().size())}});
    }
    return out;
}

} // namespace lantern::test
