#include "core/fhir/Codes.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace lantern::fhir::codes {

using namespace Qt::StringLiterals;

namespace {

bool isSystem(const model::Coding& c, const char16_t* system)
{
    return c.system == QStringView(system);
}

// All texts of a concept, lower-cased, for keyword checks.
QString allText(const model::CodeableConcept& cc)
{
    QString out = cc.text;
    for (const model::Coding& c : cc.codings)
        out += u' ' + c.display;
    return out;
}

bool matches(const QString& text, const QRegularExpression& re)
{
    return !text.isEmpty() && re.match(text).hasMatch();
}

} // namespace

model::DrugCodeSystem drugCodeSystem(const QString& system)
{
    static const QHash<QString, model::DrugCodeSystem> systems = {
        {QString::fromUtf16(kAtc), model::DrugCodeSystem::Atc},
        {QString::fromUtf16(kPzn), model::DrugCodeSystem::Pzn},
        {QString::fromUtf16(kRxNorm), model::DrugCodeSystem::RxNorm},
        {QString::fromUtf16(kSnomed), model::DrugCodeSystem::Snomed},
        {QString::fromUtf16(kNdc), model::DrugCodeSystem::Ndc},
        {QString::fromUtf16(kAsk), model::DrugCodeSystem::Ask},
    };
    return systems.value(system, model::DrugCodeSystem::Other);
}

std::optional<model::NoKnownScope> noKnownAllergyScope(const model::CodeableConcept& code)
{
    using S = model::NoKnownScope;
    static const QHash<QString, S> snomed = {
        {u"716186003"_s, S::All},           // No known allergy
        {u"409137002"_s, S::Drug},          // No known drug allergy
        {u"429625007"_s, S::Food},          // No known food allergy
        {u"716184000"_s, S::Latex},         // No known latex allergy
        {u"428607008"_s, S::Environmental}, // No known environmental allergy
        {u"428197003"_s, S::Environmental}, // No known insect allergy
    };
    static const QHash<QString, S> ips = {
        {u"no-known-allergies"_s, S::All},
        {u"no-known-medication-allergies"_s, S::Drug},
        {u"no-known-food-allergies"_s, S::Food},
        {u"no-known-environmental-allergies"_s, S::Environmental},
    };
    for (const model::Coding& c : code.codings) {
        if (isSystem(c, kSnomed) && snomed.contains(c.code))
            return snomed.value(c.code);
        if (isSystem(c, kIpsAbsentUnknown) && c.code.startsWith(u"no-known-"_s))
            return ips.value(c.code, S::All); // any other IPS "none known" statement counts as one
    }
    return std::nullopt;
}

bool isNoInformationCode(const model::CodeableConcept& code)
{
    for (const model::Coding& c : code.codings) {
        if (isSystem(c, kDataAbsentReason))
            return true;
        if (isSystem(c, kIpsAbsentUnknown) && c.code.endsWith(u"-info"_s))
            return true; // no-allergy-info, no-medication-info, ...
    }
    return false;
}

model::DeviceKind deviceKind(const model::CodeableConcept& type, const QString& deviceName)
{
    static const QHash<QString, model::DeviceKind> snomed = {
        {u"14106009"_s, model::DeviceKind::Pacemaker},     // Cardiac pacemaker, device
        {u"72506001"_s, model::DeviceKind::Defibrillator}, // Implantable defibrillator, device
        {u"67270000"_s, model::DeviceKind::Implant},       // Hip prosthesis
        {u"43252007"_s, model::DeviceKind::Implant},       // Cochlear prosthesis
        {u"40388003"_s, model::DeviceKind::Implant},       // Implant, device
        {u"65818007"_s, model::DeviceKind::Implant},       // Stent, device
    };
    for (const model::Coding& c : type.codings) {
        if (isSystem(c, kSnomed) && snomed.contains(c.code))
            return snomed.value(c.code);
    }
    static const QRegularExpression pacemaker(u"pacemaker|schrittmacher"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression icd(u"defibrillator|\\bICD\\b(?!-)"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression implant(u"implant|prosthe|prothese|stent|shunt|cochlear"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QString text = allText(type) + u' ' + deviceName;
    if (matches(text, pacemaker))
        return model::DeviceKind::Pacemaker;
    if (matches(text, icd))
        return model::DeviceKind::Defibrillator;
    if (matches(text, implant))
        return model::DeviceKind::Implant;
    return model::DeviceKind::Other;
}

model::Resuscitation resuscitationDecision(const model::CodeableConcept& code)
{
    using R = model::Resuscitation;
    static const QHash<QString, R> snomed = {
        {u"304253006"_s, R::DoNotResuscitate}, // Not for resuscitation
        {u"450476008"_s, R::DoNotResuscitate}, // Not for cardiopulmonary resuscitation
        {u"304252001"_s, R::FullCode},         // For resuscitation
        {u"450475007"_s, R::FullCode},         // For cardiopulmonary resuscitation
    };
    for (const model::Coding& c : code.codings) {
        if (isSystem(c, kSnomed) && snomed.contains(c.code))
            return snomed.value(c.code);
        if (isSystem(c, kConsentCategory) && c.code == u"dnr"_s)
            return R::DoNotResuscitate;
        if (isSystem(c, kLoinc) && c.code == u"LA33471-6"_s)
            return R::DoNotResuscitate; // No CPR
        if (isSystem(c, kLoinc) && c.code == u"LA33470-8"_s)
            return R::FullCode; // Yes CPR
    }
    static const QRegularExpression dnr(
        u"\\bDNA?R\\b|do not (attempt )?resuscitat|not for (cardiopulmonary )?resuscitation|\\bno CPR\\b|keine reanimation"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dni(u"\\bDNI\\b|do not intubate|keine intubation"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression full(u"full code|for (cardiopulmonary )?resuscitation|\\byes CPR\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression limited(u"limited (intervention|treatment)"_s, QRegularExpression::CaseInsensitiveOption);
    const QString text = allText(code);
    if (matches(text, dnr))
        return R::DoNotResuscitate;
    if (matches(text, dni))
        return R::DoNotIntubate;
    if (matches(text, limited))
        return R::LimitedInterventions;
    if (matches(text, full))
        return R::FullCode;
    return R::Unknown;
}

bool isCodeStatusObservationCode(const model::CodeableConcept& code)
{
    return code.hasCode(QString::fromUtf16(kLoinc), u"100822-6"_s) || code.hasCode(QString::fromUtf16(kLoinc), u"75320-2"_s)
        || code.hasCode(QString::fromUtf16(kSnomed), u"304251008"_s);
}

bool isAdvanceDirectiveCategory(const model::CodeableConcept& category)
{
    for (const model::Coding& c : category.codings) {
        if (isSystem(c, kConsentCategory) && (c.code == u"dnr"_s || c.code == u"acd"_s))
            return true;
        if (isSystem(c, kLoinc) && (c.code == u"42348-3"_s || c.code == u"75320-2"_s || c.code == u"100822-6"_s))
            return true;
    }
    return false;
}

std::optional<model::VitalKind> vitalKind(const QString& loincCode)
{
    using V = model::VitalKind;
    static const QHash<QString, V> kinds = {
        {u"8867-4"_s, V::HeartRate},
        {u"85354-9"_s, V::BloodPressure}, // panel with systolic/diastolic components
        {u"55284-4"_s, V::BloodPressure},
        {u"35094-2"_s, V::BloodPressure},
        {u"8310-5"_s, V::Temperature},
        {u"8331-1"_s, V::Temperature}, // oral
        {u"8328-7"_s, V::Temperature}, // axillary
        {u"8332-9"_s, V::Temperature}, // rectal
        {u"8333-7"_s, V::Temperature}, // tympanic
        {u"2708-6"_s, V::OxygenSaturation},
        {u"59408-5"_s, V::OxygenSaturation}, // by pulse oximetry
        {u"9279-1"_s, V::RespiratoryRate},
        {u"29463-7"_s, V::Weight},
        {u"3141-9"_s, V::Weight},
        {u"8302-2"_s, V::Height},
        {u"8306-3"_s, V::Height}, // lying
    };
    const auto it = kinds.constFind(loincCode);
    if (it == kinds.constEnd())
        return std::nullopt;
    return *it;
}

bool isR4ResourceType(const QString& type)
{
    static const QSet<QString> types = [] {
        const char* names[] = {"Account", "ActivityDefinition", "AdverseEvent", "AllergyIntolerance", "Appointment",
            "AppointmentResponse", "AuditEvent", "Basic", "Binary", "BiologicallyDerivedProduct", "BodyStructure",
            "Bundle", "CapabilityStatement", "CarePlan", "CareTeam", "CatalogEntry", "ChargeItem",
            "ChargeItemDefinition", "Claim", "ClaimResponse", "ClinicalImpression", "CodeSystem", "Communication",
            "CommunicationRequest", "CompartmentDefinition", "Composition", "ConceptMap", "Condition", "Consent",
            "Contract", "Coverage", "CoverageEligibilityRequest", "CoverageEligibilityResponse", "DetectedIssue",
            "Device", "DeviceDefinition", "DeviceMetric", "DeviceRequest", "DeviceUseStatement", "DiagnosticReport",
            "DocumentManifest", "DocumentReference", "EffectEvidenceSynthesis", "Encounter", "Endpoint",
            "EnrollmentRequest", "EnrollmentResponse", "EpisodeOfCare", "EventDefinition", "Evidence",
            "EvidenceVariable", "ExampleScenario", "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal",
            "GraphDefinition", "Group", "GuidanceResponse", "HealthcareService", "ImagingStudy", "Immunization",
            "ImmunizationEvaluation", "ImmunizationRecommendation", "ImplementationGuide", "InsurancePlan", "Invoice",
            "Library", "Linkage", "List", "Location", "Measure", "MeasureReport", "Media", "Medication",
            "MedicationAdministration", "MedicationDispense", "MedicationKnowledge", "MedicationRequest",
            "MedicationStatement", "MedicinalProduct", "MedicinalProductAuthorization",
            "MedicinalProductContraindication", "MedicinalProductIndication", "MedicinalProductIngredient",
            "MedicinalProductInteraction", "MedicinalProductManufactured", "MedicinalProductPackaged",
            "MedicinalProductPharmaceutical", "MedicinalProductUndesirableEffect", "MessageDefinition",
            "MessageHeader", "MolecularSequence", "NamingSystem", "NutritionOrder", "Observation",
            "ObservationDefinition", "OperationDefinition", "OperationOutcome", "Organization",
            "OrganizationAffiliation", "Parameters", "Patient", "PaymentNotice", "PaymentReconciliation", "Person",
            "PlanDefinition", "Practitioner", "PractitionerRole", "Procedure", "Provenance", "Questionnaire",
            "QuestionnaireResponse", "RelatedPerson", "RequestGroup", "ResearchDefinition",
            "ResearchElementDefinition", "ResearchStudy", "ResearchSubject", "RiskAssessment",
            "RiskEvidenceSynthesis", "Schedule", "SearchParameter", "ServiceRequest", "Slot", "Specimen",
            "SpecimenDefinition", "StructureDefinition", "StructureMap", "Subscription", "Substance",
            "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein", "SubstanceReferenceInformation",
            "SubstanceSourceMaterial", "SubstanceSpecification", "SupplyDelivery", "SupplyRequest", "Task",
            "TerminologyCapabilities", "TestReport", "TestScript", "ValueSet", "VerificationResult",
            "VisionPrescription"};
        QSet<QString> set;
        for (const char* n : names)
            set.insert(QLatin1String(n));
        return set;
    }();
    return types.contains(type);
}

} // namespace lantern::fhir::codes
