#include "FhirJson.h"

#include <QLocale>
#include <cstdio>
#include <cstdlib>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lantern::sim::fhir {

QJsonObject coding(const QString& system, const QString& code, const QString& display)
{
    QJsonObject c{{u"system"_s, system}, {u"code"_s, code}};
    if (!display.isEmpty())
        c.insert(u"display"_s, display);
    return c;
}

QJsonObject codeable(const QJsonObject& c, const QString& text)
{
    QJsonObject cc{{u"coding"_s, QJsonArray{c}}};
    if (!text.isEmpty())
        cc.insert(u"text"_s, text);
    return cc;
}

QJsonObject textConcept(const QString& text)
{
    return QJsonObject{{u"text"_s, text}};
}

QJsonObject reference(const QString& ref, const QString& display)
{
    QJsonObject r{{u"reference"_s, ref}};
    if (!display.isEmpty())
        r.insert(u"display"_s, display);
    return r;
}

QJsonObject quantity(double value, const QString& unit, const QString& ucumCode)
{
    return QJsonObject{{u"value"_s, value}, {u"unit"_s, unit}, {u"system"_s, sys::ucum()}, {u"code"_s, ucumCode}};
}

QString refOf(const QString& type, const QString& id)
{
    return type + u'/' + id;
}

namespace {

// Days since 1970-01-01 to a civil date (proleptic Gregorian), after H. Hinnant.
void civilFromDays(qint64 days, int& year, int& month, int& day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

} // namespace

QString formatDateTime(qint64 msecs, int offsetSeconds, bool withMilliseconds)
{
    const qint64 local = msecs + qint64(offsetSeconds) * 1000;
    const qint64 days = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    const qint64 msOfDay = local - days * 86400000;
    int year = 0, month = 0, day = 0;
    civilFromDays(days, year, month, day);
    char buffer[40];
    int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
        int(msOfDay / 3600000), int(msOfDay / 60000 % 60), int(msOfDay / 1000 % 60));
    if (withMilliseconds)
        n += std::snprintf(buffer + n, sizeof buffer - size_t(n), ".%03d", int(msOfDay % 1000));
    if (offsetSeconds == 0 && withMilliseconds) {
        std::snprintf(buffer + n, sizeof buffer - size_t(n), "Z");
    } else {
        const int a = std::abs(offsetSeconds);
        std::snprintf(buffer + n, sizeof buffer - size_t(n), "%c%02d:%02d", offsetSeconds < 0 ? '-' : '+', a / 3600,
            a / 60 % 60);
    }
    return QString::fromLatin1(buffer);
}

QString instant(qint64 msecs)
{
    return formatDateTime(msecs, 0, true);
}

QString localDateTime(const QDateTime& t)
{
    return t.toString(Qt::ISODate);
}

QByteArray httpDate(qint64 msecs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return QLocale::c().toString(t, u"ddd, dd MMM yyyy HH:mm:ss"_s).toLatin1() + " GMT";
}

std::optional<TimeRange> parseTimeRange(QString value)
{
    static const QRegularExpression re(
        uR"(^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$)"_s);
    // An unencoded '+' in a query string arrives as a space; FHIR times never hold one.
    value = value.trimmed().replace(u' ', u'+');
    const auto m = re.match(value);
    if (!m.hasMatch())
        return std::nullopt;
    const int year = m.captured(1).toInt();
    const bool hasMonth = m.hasCaptured(2), hasDay = m.hasCaptured(3), hasTime = m.hasCaptured(4);
    const int month = hasMonth ? m.captured(2).toInt() : 1;
    const int day = hasDay ? m.captured(3).toInt() : 1;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    int offsetSecs = 0;
    const QString tz = m.captured(8);
    if (!tz.isEmpty() && tz != u"Z"_s) {
        const int sign = tz.startsWith(u'-') ? -1 : 1;
        offsetSecs = sign * (tz.mid(1, 2).toInt() * 3600 + tz.mid(4, 2).toInt() * 60);
    }
    const int hour = hasTime ? m.captured(4).toInt() : 0;
    const int minute = hasTime ? m.captured(5).toInt() : 0;
    const bool hasSecond = m.hasCaptured(6);
    const int second = hasSecond ? m.captured(6).toInt() : 0;
    const QString fraction = m.captured(7);
    const int ms = fraction.isEmpty() ? 0 : QString(fraction + u"00"_s).left(3).toInt();
    const QTime time(hour, minute, second, ms);
    if (!time.isValid())
        return std::nullopt;
    const QDateTime lo(date, time, Qt::OffsetFromUTC, offsetSecs);
    QDateTime next;
    if (!hasMonth)
        next = lo.addYears(1);
    else if (!hasDay)
        next = lo.addMonths(1);
    else if (!hasTime)
        next = lo.addDays(1);
    else if (!hasSecond)
        next = lo.addSecs(60);
    else if (fraction.isEmpty())
        next = lo.addSecs(1);
    else if (fraction.size() == 1)
        next = lo.addMSecs(100);
    else if (fraction.size() == 2)
        next = lo.addMSecs(10);
    else
        next = lo.addMSecs(1);
    return TimeRange{lo.toMSecsSinceEpoch(), next.toMSecsSinceEpoch() - 1};
}

std::optional<qint64> parseInstant(const QString& value)
{
    const auto r = parseTimeRange(value);
    if (!r)
        return std::nullopt;
    return r->lo;
}

bool isValidId(const QString& id)
{
    static const QRegularExpression re(uR"(^[A-Za-z0-9\-\.]{1,64}$)"_s);
    return re.match(id).hasMatch();
}

bool isKnownResourceType(const QString& type)
{
    // Every resource type of FHIR R4 (4.0.1).
    static const QSet<QString> types = [] {
        const char* names[] = {
            "Account", "ActivityDefinition", "AdverseEvent", "AllergyIntolerance", "Appointment",
            "AppointmentResponse", "AuditEvent", "Basic", "Binary", "BiologicallyDerivedProduct", "BodyStructure",
            "Bundle", "CapabilityStatement", "CarePlan", "CareTeam", "CatalogEntry", "ChargeItem",
            "ChargeItemDefinition", "Claim", "ClaimResponse", "ClinicalImpression", "CodeSystem", "Communication",
            "CommunicationRequest", "CompartmentDefinition", "Composition", "ConceptMap", "Condition", "Consent",
            "Contract", "Coverage", "CoverageEligibilityRequest", "CoverageEligibilityResponse", "DetectedIssue",
            "Device", "DeviceDefinition", "DeviceMetric", "DeviceRequest", "DeviceUseStatement",
            "DiagnosticReport", "DocumentManifest", "DocumentReference", "EffectEvidenceSynthesis", "Encounter",
            "Endpoint", "EnrollmentRequest", "EnrollmentResponse", "EpisodeOfCare", "EventDefinition", "Evidence",
            "EvidenceVariable", "ExampleScenario", "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal",
            "GraphDefinition", "Group", "GuidanceResponse", "HealthcareService", "ImagingStudy", "Immunization",
            "ImmunizationEvaluation", "ImmunizationRecommendation", "ImplementationGuide", "InsurancePlan",
            "Invoice", "Library", "Linkage", "List", "Location", "Measure", "MeasureReport", "Media", "Medication",
            "MedicationAdministration", "MedicationDispense", "MedicationKnowledge", "MedicationRequest",
            "MedicationStatement", "MedicinalProduct", "MedicinalProductAuthorization",
            "MedicinalProductContraindication", "MedicinalProductIndication", "MedicinalProductIngredient",
            "MedicinalProductInteraction", "MedicinalProductManufactured", "MedicinalProductPackaged",
            "MedicinalProductPharmaceutical", "MedicinalProductUndesirableEffect", "MessageDefinition",
            "MessageHeader", "MolecularSequence", "NamingSystem", "NutritionOrder", "Observation",
            "ObservationDefinition", "OperationDefinition", "OperationOutcome", "Organization",
            "OrganizationAffiliation", "Parameters", "Patient", "PaymentNotice", "PaymentReconciliation",
            "Person", "PlanDefinition", "Practitioner", "PractitionerRole", "Procedure", "Provenance",
            "Questionnaire", "QuestionnaireResponse", "RelatedPerson", "RequestGroup", "ResearchDefinition",
            "ResearchElementDefinition", "ResearchStudy", "ResearchSubject", "RiskAssessment",
            "RiskEvidenceSynthesis", "Schedule", "SearchParameter", "ServiceRequest", "Slot", "Specimen",
            "SpecimenDefinition", "StructureDefinition", "StructureMap", "Subscription", "Substance",
            "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein", "SubstanceReferenceInformation",
            "SubstanceSourceMaterial", "SubstanceSpecification", "SupplyDelivery", "SupplyRequest", "Task",
            "TerminologyCapabilities", "TestReport", "TestScript", "ValueSet", "VerificationResult",
            "VisionPrescription"};
        QSet<QString> s;
        for (const char* n : names)
            s.insert(QString::fromLatin1(n));
        return s;
    }();
    return types.contains(type);
}

QString etag(int versionId)
{
    return u"W/\""_s + QString::number(versionId) + u'"';
}

std::optional<int> parseETag(const QString& value)
{
    QString v = value.trimmed();
    if (v.startsWith(u"W/"_s))
        v = v.mid(2);
    if (v.size() >= 2 && v.startsWith(u'"') && v.endsWith(u'"'))
        v = v.mid(1, v.size() - 2);
    bool ok = false;
    const int n = v.toInt(&ok);
    if (!ok || n < 1)
        return std::nullopt;
    return n;
}

std::optional<std::pair<QString, QString>> splitReference(const QString& ref)
{
    QString r = ref;
    const int hist = r.indexOf(u"/_history/"_s);
    if (hist >= 0)
        r.truncate(hist);
    const QStringList parts = r.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return std::nullopt;
    const QString& type = parts.at(parts.size() - 2);
    const QString& id = parts.last();
    if (!isKnownResourceType(type) || !isValidId(id))
        return std::nullopt;
    return std::make_pair(type, id);
}

} // namespace lantern::sim::fhir
