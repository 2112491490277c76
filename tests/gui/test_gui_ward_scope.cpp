// Ward scope: a nurse sees the census of her own wards only; opening a
// patient on another ward is refused (and audited as denied) unless she
// breaks the glass with a coded reason, which is audited as BreakGlass.

#include "GuiFixture.h"
#include "ui/access/BreakGlassDialog.h"
#include "ui/access/WardScope.h"
#include "ui/app/WardDesktop.h"
#include "core/audit/AuditEvent.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "ui/chart/ChartView.h"
#include "core/import/Importer.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QAbstractButton>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

const QString kOttoId = QStringLiteral("p-otto");
const QString kOttoMrn = QStringLiteral("MRN4004");

// A second ward with one patient (ward 4B, bed 4B-01), imported into the fixture's vault.
QByteArray otherWardBundle()
{
    auto entry = [](const QJsonObject& r) { return QJsonObject{{QStringLiteral("resource"), r}}; };
    auto physical = [](const QString& code) {
        return QJsonObject{{QStringLiteral("coding"),
                            QJsonArray{QJsonObject{{QStringLiteral("system"),
                                                    QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type")},
                                                   {QStringLiteral("code"), code}}}}};
    };
    QJsonArray entries{
        entry({{QStringLiteral("resourceType"), QStringLiteral("Location")}, {QStringLiteral("id"), QStringLiteral("ward-4b")},
               {QStringLiteral("name"), QStringLiteral("Station 4B")}, {QStringLiteral("physicalType"), physical(QStringLiteral("wa"))}}),
        entry({{QStringLiteral("resourceType"), QStringLiteral("Location")}, {QStringLiteral("id"), QStringLiteral("bed-4b-1")},
               {QStringLiteral("name"), QStringLiteral("4B-01")}, {QStringLiteral("physicalType"), physical(QStringLiteral("bd"))},
               {QStringLiteral("partOf"), QJsonObject{{QStringLiteral("reference"), QStringLiteral("Location/ward-4b")}}}}),
        entry({{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), kOttoId},
               {QStringLiteral("identifier"),
                QJsonArray{QJsonObject{{QStringLiteral("type"),
                                        QJsonObject{{QStringLiteral("coding"),
                                                     QJsonArray{QJsonObject{{QStringLiteral("system"),
                                                                             QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203")},
                                                                            {QStringLiteral("code"), QStringLiteral("MR")}}}}}},
                                       {QStringLiteral("value"), kOttoMrn}}}},
               {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Brenner")},
                                                               {QStringLiteral("given"), QJsonArray{QStringLiteral("Otto")}}}}},
               {QStringLiteral("gender"), QStringLiteral("male")}, {QStringLiteral("birthDate"), QStringLiteral("1949-07-20")}}),
        entry({{QStringLiteral("resourceType"), QStringLiteral("Encounter")}, {QStringLiteral("id"), QStringLiteral("enc-otto")},
               {QStringLiteral("status"), QStringLiteral("in-progress")},
               {QStringLiteral("class"), QJsonObject{{QStringLiteral("code"), QStringLiteral("IMP")}}},
               {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + kOttoId)}}},
               {QStringLiteral("location"),
                QJsonArray{QJsonObject{{QStringLiteral("location"), QJsonObject{{QStringLiteral("reference"), QStringLiteral("Location/bed-4b-1")}}},
                                       {QStringLiteral("status"), QStringLiteral("active")}}}}}),
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

// The last `n` audit entries, newest last.
QList<vault::AuditEntryRecord> lastAudit(vault::Vault& vault, int n)
{
    vault::AuditRepository repo(vault);
    auto count = repo.entryCount();
    if (!count.ok())
        return {};
    auto entries = repo.readEntries(std::max<qint64>(1, *count - n + 1), n);
    return entries.ok() ? *entries : QList<vault::AuditEntryRecord>{};
}

} // namespace

class TestGuiWardScope : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GuiFixture> m_fixture;

    std::unique_ptr<ui::WardDesktop> desktop()
    {
        auto session = m_fixture->unlockNurse();
        if (!session)
            return nullptr;
        auto d = std::make_unique<ui::WardDesktop>(std::move(session), m_fixture->clock(), sync::MirrorStatus{});
        if (!d->reloadCensus().ok())
            return nullptr;
        return d;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<GuiFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        auto session = m_fixture->unlockNurse();
        QVERIFY(session);
        auto imported = import::Importer(session->vault()).importJson(otherWardBundle(), QStringLiteral("ward-4b"));
        QVERIFY2(imported.ok() && imported->skipped == 0, imported.ok() ? "skipped" : qPrintable(imported.error().message));
    }

    void censusShowsOwnWardsOnly()
    {
        auto d = desktop();
        QVERIFY(d);
        QCOMPARE(d->censusModel()->rowCount(), 3);
        for (int r = 0; r < d->censusModel()->rowCount(); ++r)
            QVERIFY(d->censusModel()->rowAt(r)->patientId != kOttoId);
        // Printouts of the ward come from the same rows.
        QVERIFY(d->censusView()->findChild<QPushButton*>(QStringLiteral("breakGlassButton"))->isVisibleTo(d.get()));
    }

    void otherWardIsDeniedAndAudited()
    {
        auto d = desktop();
        QVERIFY(d);
        const Status refused = d->openChart(kOttoId);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Denied);
        QVERIFY(!d->chartView());
        const auto last = lastAudit(d->session().vault(), 1);
        QCOMPARE(last.size(), 1);
        QCOMPARE(last[0].action, audit::actionName(audit::AuditAction::ViewPatient));
        QCOMPARE(last[0].outcome, audit::outcomeName(audit::AuditOutcome::Denied));
        QCOMPARE(last[0].patientId, kOttoId);
    }

    void breakGlassOpensWithReasonAudited()
    {
        auto d = desktop();
        QVERIFY(d);
        QCOMPARE(d->breakGlass(QStringLiteral("MRN-NOPE"), QStringLiteral("emergency")).error().code, ErrorCode::NotFound);
        QCOMPARE(d->breakGlass(kOttoMrn, QStringLiteral("because I can")).error().code, ErrorCode::InvalidInput);

        const Status opened = d->breakGlass(kOttoMrn.toLower(), QStringLiteral("emergency"));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        QVERIFY(d->chartView());
        QCOMPARE(d->currentPatientId(), kOttoId);
        const auto last = lastAudit(d->session().vault(), 2);
        QCOMPARE(last.size(), 2);
        QCOMPARE(last[0].action, audit::actionName(audit::AuditAction::BreakGlass));
        QCOMPARE(last[0].patientId, kOttoId);
        QCOMPARE(last[0].detail, QStringLiteral("reason=emergency"));
        QCOMPARE(last[0].actor, GuiFixture::kNurse);
        QCOMPARE(last[1].action, audit::actionName(audit::AuditAction::ViewPatient));
        QCOMPARE(last[1].outcome, audit::outcomeName(audit::AuditOutcome::Success));

        // Once broken for this session, the chart prints and re-opens like her own patients.
        QVERIFY(d->openChart(kOttoId).ok());
        QTemporaryDir out;
        auto pages = d->printToPdf(ui::WardDesktop::Printout::EmergencySheet, kOttoId, out.filePath(QStringLiteral("es.pdf")));
        QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
        // The census itself still holds only her wards.
        QCOMPARE(d->censusModel()->rowCount(), 3);
    }

    void breakGlassThroughTheDialog()
    {
        auto d = desktop();
        QVERIFY(d);
        d->show();
        auto* button = d->censusView()->findChild<QPushButton*>(QStringLiteral("breakGlassButton"));
        QVERIFY(button && button->isVisible());
        bool sawDisabledWithoutReason = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ui::BreakGlassDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setMrn(kOttoMrn);
            auto* open = dialog->findChild<QPushButton*>(QStringLiteral("breakGlassOpen"));
            sawDisabledWithoutReason = !open->isEnabled();
            dialog->findChild<QAbstractButton*>(QStringLiteral("reason-transfer"))->click();
            open->click();
        });
        button->click();
        QVERIFY(sawDisabledWithoutReason);
        QCOMPARE(d->currentPatientId(), kOttoId);
        const auto last = lastAudit(d->session().vault(), 2);
        QCOMPARE(last[0].detail, QStringLiteral("reason=transfer"));
    }

    void itAdministratorsSeeNoPatients()
    {
        const access::User admin{QStringLiteral("it"), QStringLiteral("IT"), access::Role::ItAdmin, {}, {}, false};
        const access::User nurse{QStringLiteral("n"), QStringLiteral("N"), access::Role::Nurse, {QStringLiteral("ward-4b")}, {}, false};
        auto session = m_fixture->unlockNurse();
        auto rows = records::CensusQuery(session->vault()).rows();
        QVERIFY(rows.ok());
        const auto scope = std::make_optional<ui::WardScope>(*rows);
        QVERIFY(!scope->covers(admin, kOttoId));
        QVERIFY(scope->covers(nurse, kOttoId));
        QVERIFY(!scope->covers(nurse, GuiFixture::kErikaId));
        // A bed's ward is found through partOf.
        QVERIFY(scope->locationsOf(kOttoId).contains(QStringLiteral("ward-4b")));
    }
};

QTEST_MAIN(TestGuiWardScope)
#include "test_gui_ward_scope.moc"
