// leak_ward_session: a nurse's desktop session for the leak scan, driven
// without a person. The desktop's own window (MainWindow, as app/lantern builds
// it) on the offscreen platform: unlock with the passphrase read from standard
// input, the census, the first patient's chart, a note recorded during the
// downtime, the MAR printed to the PDF file asked for (--pdf), lock. What it
// leaves behind (caches, settings, temp files) is what the scan searches.
// Prints only counts; exit 1 with the step that failed.

#include "core/access/VaultAccess.h"
#include "core/common/Bootstrap.h"
#include "core/common/Clock.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/access/UnlockScreen.h"
#include "ui/census/CensusModel.h"
#include "ui/mirror/ServiceFollower.h"
#include "ui/record/ChartRecorder.h"
#include "ui/record/SimpleRecordDialogs.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace lantern;

namespace {

int fail(const char* step)
{
    std::fprintf(stderr, "leak_ward_session: %s\n", step);
    return 1;
}

// Waits for the event loop to make cond true; the drill gives each step a minute.
template <typename Cond>
bool waitFor(Cond cond)
{
    return QTest::qWaitFor(cond, 60000);
}

} // namespace

int main(int argc, char* argv[])
{
    hardenProcess();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QStringLiteral("Vault folder."), QStringLiteral("DIR"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("Nurse or physician."), QStringLiteral("NAME"));
    const QCommandLineOption pdfOption(QStringLiteral("pdf"), QStringLiteral("Where to print the MAR."), QStringLiteral("FILE"));
    parser.addOptions({vaultOption, userOption, pdfOption});
    parser.process(app);
    if (!parser.isSet(vaultOption) || !parser.isSet(userOption) || !parser.isSet(pdfOption))
        return fail("usage: leak_ward_session --vault DIR --user NAME --pdf FILE < passphrase");

    QTextStream in(stdin);
    const QString passphrase = in.readLine();

    access::VaultAccess access;
    ui::MainWindow window(access, parser.value(vaultOption), SystemClock::instance());
    window.show();

    ui::UnlockScreen* unlock = window.unlockScreen();
    if (!unlock)
        return fail("no unlock screen");
    unlock->usernameField()->setText(parser.value(userOption));
    unlock->passphraseField()->setText(passphrase);
    unlock->attemptUnlock();
    if (!waitFor([&] { return !window.isLocked(); }))
        return fail("the unlock did not succeed");
    ui::WardDesktop* desktop = window.desktop();

    // The follower reads the service's status right after the unlock: the desktop knows the declared downtime.
    if (!waitFor([&] { return window.follower() && window.follower()->status().state == sync::EhrState::Downtime; }))
        return fail("the desktop did not see the declared downtime");
    if (!waitFor([&] { return desktop->censusModel()->rowCount() > 0; }))
        return fail("the census is empty");
    const int censusRows = desktop->censusModel()->rowCount();
    const QString patientId = desktop->censusModel()->rowAt(0)->patientId;
    if (!desktop->openChart(patientId).ok() || !desktop->chartRecorder())
        return fail("the chart did not open");

    bool noted = false;
    QObject::connect(desktop->chartRecorder(), &ui::ChartRecorder::dialogOpened, &app, [&](QWidget* w) {
        auto* dialog = qobject_cast<ui::NoteDialog*>(w);
        if (!dialog)
            return;
        QTimer::singleShot(0, dialog, [&, dialog] {
            dialog->textField()->setPlainText(QStringLiteral("Refused breakfast, drank tea (leak scan drill)."));
            dialog->accept();
            noted = dialog->result() == QDialog::Accepted;
        });
    });
    if (!desktop->chartRecorder()->addNote().ok() || !noted)
        return fail("the note was not recorded");

    const Result<int> pages = desktop->printToPdf(ui::WardDesktop::Printout::Mar, patientId, parser.value(pdfOption));
    if (!pages.ok() || !QFile::exists(parser.value(pdfOption)))
        return fail("the MAR was not printed");

    window.lock();
    if (!window.isLocked())
        return fail("the window did not lock");
    std::printf("ward session: unlocked, census of %d, one chart, one note, MAR of %d pages, locked\n",
                censusRows, pages.value());
    return 0;
}
