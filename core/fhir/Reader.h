#pragma once
// Type-checked reading of one FHIR JSON resource. The first problem found is
// kept as an InvalidInput error "Type/id: path problem" (e.g.
// "MedicationRequest/abc: dosageInstruction[0].doseAndRate[0].doseQuantity.value
// is not a number"); reads after a problem return empty values, so a mapping
// function reads everything it needs and checks ok() once. Elements the
// mapping does not ask for are never looked at. Messages name fields, never
// values: values can be patient data.

#include "core/common/Result.h"
#include "core/model/Common.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::fhir {

// FHIR id: 1-64 of [A-Za-z0-9-.] (UUIDs fit).
bool isValidId(const QString& id);
// Parses a FHIR date, dateTime or instant (partial dates allowed). nullopt when malformed.
std::optional<model::When> parseWhen(const QString& text);

class Reader
{
public:
    enum class Id { Required, Optional }; // Optional: a Bundle in a transaction or a search result

    // Checks that resourceType is `expectedType` and that id is present (unless optional) and valid.
    Reader(const QJsonObject& resource, QLatin1String expectedType, Id id = Id::Required);

    bool ok() const { return !m_error.has_value(); }
    Error error() const;
    // "Type/id" for messages.
    const QString& label() const { return m_label; }
    const QJsonObject& resource() const { return m_resource; }

    // id, meta.versionId, meta.lastUpdated.
    model::ResourceMeta meta();

    // Records a problem at `path` unless one was recorded already.
    void fail(const QString& path, const QString& problem);

    // Primitive elements. A missing element gives an empty value; a present one of the wrong type fails.
    QString string(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    QString requiredString(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    std::optional<double> number(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    std::optional<int> integer(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    std::optional<bool> boolean(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    QJsonObject object(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    QList<QJsonObject> objects(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    QStringList strings(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    model::When dateTime(const QJsonObject& obj, QLatin1String key, const QString& path = {});

    // Complex datatypes.
    model::Coding coding(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    model::CodeableConcept codeable(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    QList<model::CodeableConcept> codeables(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    model::Quantity quantity(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    model::Reference reference(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    model::Period period(const QJsonObject& obj, QLatin1String key, const QString& path = {});
    // Annotation texts of note[].
    QStringList notes(const QJsonObject& obj, const QString& path = {});

    // The same datatypes from an object already in hand (its own path given).
    model::Coding codingAt(const QJsonObject& obj, const QString& path);
    model::CodeableConcept codeableAt(const QJsonObject& obj, const QString& path);
    model::Quantity quantityAt(const QJsonObject& obj, const QString& path);

    // "a.b", and "a.b[3]".
    static QString at(const QString& path, QLatin1String key);
    static QString at(const QString& path, QLatin1String key, qsizetype index);

private:
    // The value at key, or undefined when absent or after a failure; fails on null.
    QJsonValue present(const QJsonObject& obj, QLatin1String key, const QString& path);

    QJsonObject m_resource;
    QString m_label;
    std::optional<Error> m_error;
};

} // namespace lantern::fhir
