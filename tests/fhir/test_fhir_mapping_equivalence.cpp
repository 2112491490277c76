// Mapping each resource once on write (fhir::readForChart) must not change what
// the vault stores. Every resource of tests/data/fhir goes through the write
// path's indexing (BundleReader → indexResource: index columns, census facts, a
// Patient's patient_index row) and through buildChart (the dates the chart
// orders by); the lines are hashed and compared with the digest the previous
// implementation (one Reader per derived value, a regular expression per date)
// produced on the same data. On a mismatch the lines are written to a file named
// in the failure, to diff against a run of the older code
// (LANTERN_EQUIVALENCE_OUT=path keeps them on success too).

#include "FhirTestData.h"
#include "TestSupport.h"
#include "core/import/ResourceWriter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace lantern;
using namespace Qt::StringLiterals;

namespace {

// Produced by this test over tests/data/fhir with the implementation before #11's
// "map each resource once" (commit ed64723), TZ=UTC.
constexpr const char* kGoldenDigest = "1d9e2169cb0784e62cdc4f17469e3b4d9366c30814cc1d2820c8a804d4964a49";
constexpr int kGoldenLines = 13069;

QString visible(QString text)
{
    return text.replace(QChar(0x1f), u'|').replace(QChar(0x1e), u';').replace(u'\n', u' ');
}

QString when(const model::When& w)
{
    return w.isNull() ? QString() : w.sortKey().toUTC().toString(Qt::ISODateWithMs);
}

QString indexLine(const fhir::ResourceIndex& i)
{
    return QStringList{i.typeAndId(), i.versionId, i.lastUpdated, i.patientId, i.status,
                       i.censusFacts.isNull() ? u"(null)"_s : visible(i.censusFacts)}
        .join(u'\t');
}

// The data is clean; these copies are not, so the unreadable marks are compared too:
// a code that is not a CodeableConcept, a date that is no date.
QList<QJsonObject> brokenCopies(const QJsonObject& resource)
{
    QList<QJsonObject> out;
    if (resource.contains("code"_L1)) {
        QJsonObject copy = resource;
        copy.insert("code"_L1, 42);
        out << copy;
    }
    for (const QLatin1String key : {"effectiveDateTime"_L1, "onsetDateTime"_L1, "recordedDate"_L1, "authoredOn"_L1,
                                    "birthDate"_L1, "date"_L1, "occurrenceDateTime"_L1}) {
        if (resource.contains(key)) {
            QJsonObject copy = resource;
            copy.insert(key, u"2024-13-45"_s);
            out << copy;
            break;
        }
    }
    return out;
}

QStringList indexLines(const QString& file, const fhir::FhirContent& content)
{
    QStringList out;
    for (const fhir::EntryError& e : content.errors)
        out << QStringList{file, QString::number(e.position), u"ERROR"_s, e.error.message}.join(u'\t');
    for (const fhir::BundleEntry& e : content.entries) {
        const fhir::ResourceIndex& i = e.index;
        QStringList line{file, QString::number(e.position), i.typeAndId(), i.versionId, i.lastUpdated, i.patientId,
                         i.status, i.censusFacts.isNull() ? u"(null)"_s : visible(i.censusFacts)};
        if (i.type == u"Patient"_s) {
            const auto row = import::patientIndexRow(e.resource);
            line << (row ? QStringList{row->id, row->family, row->given, row->birthDate, row->sex, row->mrn, row->kvnr}.join(u'/')
                         : u"(no row)"_s);
        }
        out << visible(line.join(u'\t'));
        for (const QJsonObject& broken : brokenCopies(e.resource)) {
            const auto index = fhir::indexResource(broken, content.references);
            out << file + u"\tbroken copy\t"_s + (index.ok() ? indexLine(*index) : u"ERROR "_s + index.error().message);
        }
    }
    return out;
}

QStringList chartLines(const QString& file, const test::LoadedFhirFile& loaded)
{
    QStringList out;
    const auto patients = loaded.byPatient();
    for (auto it = patients.cbegin(); it != patients.cend(); ++it) {
        const model::PatientChart chart = fhir::buildChart(it.key(), it.value(), loaded.resolver());
        QStringList line{file, u"chart"_s, it.key()};
        for (const Error& e : chart.skipped)
            line << u"skipped "_s + e.message;
        for (const model::MedicationAdministration& a : chart.administrations)
            line << u"given "_s + when(a.givenAt());
        for (const model::Encounter& e : chart.encounters)
            line << u"stay "_s + when(e.period.start) + u'-' + when(e.period.end);
        for (const model::VitalSign& v : chart.vitals)
            line << u"vital "_s + when(v.effective);
        line << u"allergy status "_s + QString::number(int(chart.allergyStatus));
        out << visible(line.join(u'\t'));
    }
    return out;
}

} // namespace

class TestFhirMappingEquivalence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Times without a zone are read as local time: the digest is for UTC.
        qputenv("TZ", "UTC");
        tzset();
    }

    void indexAndFactsAsBefore()
    {
        const QStringList files = test::allFhirDataFiles();
        QVERIFY2(!files.isEmpty(), qPrintable(test::fhirDataMissingMessage()));
        QStringList lines;
        for (const QString& file : files) {
            auto loaded = test::loadFhirFile(test::fhirDataFile(file));
            if (!loaded.ok()) {
                lines << file + u"\tunreadable file\t"_s + loaded.error().message;
                continue;
            }
            lines << indexLines(file, loaded->content) << chartLines(file, *loaded);
        }
        const QByteArray text = lines.join(u'\n').toUtf8();
        const QByteArray digest = QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex();
        const QString keep = qEnvironmentVariable("LANTERN_EQUIVALENCE_OUT");
        QTemporaryDir dir;
        dir.setAutoRemove(false); // only used on a failure, to leave the lines for a diff
        const QString written = keep.isEmpty() ? dir.filePath(u"equivalence.tsv"_s) : keep;
        if (!keep.isEmpty() || digest != kGoldenDigest) {
            QFile out(written);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
        }
        if (keep.isEmpty() && digest == kGoldenDigest)
            dir.remove();
        QVERIFY2(lines.size() > 1000, "the data set is smaller than expected: is tests/data/fhir complete?");
        QVERIFY2(digest == kGoldenDigest,
                 qPrintable(u"index, facts or chart dates differ from before (%1 lines, digest %2); lines in %3"_s
                                .arg(lines.size()).arg(QString::fromLatin1(digest), written)));
        QCOMPARE(lines.size(), kGoldenLines);
    }
};

QTEST_GUILESS_MAIN(TestFhirMappingEquivalence)
#include "test_fhir_mapping_equivalence.moc"
