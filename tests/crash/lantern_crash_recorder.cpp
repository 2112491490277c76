// lantern-crash-recorder: records downtime entries the way the desktop does
// (core/record/Recorder, which commits each entry before it returns) so the
// crash harness can kill it while it records: lanternctl has no command for
// recording. After each entry the recorder returned ok for, it prints
// "CONFIRMED <uuid>" and flushes: that is the moment the screen would confirm.
//
//   lantern-crash-recorder VAULT_DIR USER PATIENT ORDER COUNT   (passphrase on standard input)
//
// Entries cycle through an administration of ORDER (its safety warnings
// acknowledged, as a nurse confirming them would), a nursing note and a
// reported allergy. Exit 0 after COUNT entries, 1 when one is refused.

#include "core/access/VaultAccess.h"
#include "core/record/Recorder.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace lantern;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: lantern-crash-recorder VAULT_DIR USER PATIENT ORDER COUNT\n");
        return 2;
    }
    const QString& dir = args.at(1);
    const QString& user = args.at(2);
    const QString& patient = args.at(3);
    const QString& order = args.at(4);
    const int count = args.at(5).toInt();
    QTextStream in(stdin);
    QString passphrase = in.readLine();

    access::VaultAccess access;
    auto session = access.unlock(dir, user, passphrase);
    passphrase.fill(QLatin1Char(' '));
    if (!session.ok()) {
        std::fprintf(stderr, "unlock: %s\n", qPrintable(session.error().message));
        return 1;
    }
    record::Recorder recorder(session->vault(), user, session->vaultId(), QStringLiteral("dt-crash"));
    for (int i = 0; i < count; ++i) {
        Result<record::RecordEntry> entry = Error{ErrorCode::Internal, QStringLiteral("nothing recorded")};
        switch (i % 3) {
        case 0: {
            record::AdministrationInput given;
            given.patientId = patient;
            given.orderId = order;
            auto warnings = recorder.checkAdministration(given);
            if (!warnings.ok()) {
                entry = warnings.error();
                break;
            }
            for (record::SafetyWarning& w : *warnings)
                w.overridden = true;
            entry = recorder.recordAdministration(given, *warnings);
            break;
        }
        case 1:
            entry = recorder.recordNote({patient, record::NoteCategory::Nursing, QStringLiteral("crash harness note %1").arg(i), {}, {}});
            break;
        default:
            entry = recorder.recordReportedAllergy({patient, QStringLiteral("latex"), QStringLiteral("rash"), QStringLiteral("low"), {}});
            break;
        }
        if (!entry.ok()) {
            std::fprintf(stderr, "entry %d refused: %s\n", i, qPrintable(entry.error().message));
            return 1;
        }
        std::printf("CONFIRMED %s\n", qPrintable(entry->uuid));
        std::fflush(stdout);
    }
    return 0;
}
