#pragma once
// The "Drill" menu of the main window, for those core lets run a drill (IT):
// start a drill, save the report so far as PDF, end the drill with its report.
// Every step is decided and audited in core (drill::DrillControl); the menu
// only asks and shows. The desktop holds no EHR credentials (the device key
// is the service's), so the reconciliation dry run is not run from here: the
// report says so, and `lanternctl drill end` on the device runs it.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

namespace lantern::access {
class Session;
}

namespace lantern::ui {

class DrillMenu : public QObject
{
    Q_OBJECT

public:
    DrillMenu(QMenuBar* bar, const Clock& clock, std::function<access::Session*()> session,
              std::function<sync::MirrorStatus()> status, QWidget* dialogParent);

    QMenu* menu() const { return m_menu; }
    QAction* startAction() const { return m_start; }
    QAction* reportAction() const { return m_report; }
    QAction* endAction() const { return m_end; }
    // Shows the menu for who is unlocked now (call on unlock and lock).
    void update();

    // What the actions do, without their dialogs (tests).
    Status startDrill();
    Status saveReport(const QString& pdfPath);     // the running drill's report so far
    Result<int> endDrill(const QString& pdfPath);  // report, then discard and end; the entries discarded

Q_SIGNALS:
    void drillChanged(); // started or ended: the banner should re-read the status

private:
    // The report as PDF; with `end`, then the discard and the end (the entries discarded).
    Result<int> reportAndMaybeEnd(const QString& pdfPath, bool end);
    QString askPdfPath(const QString& title);
    void show(const Status& done, const QString& success);

    const Clock& m_clock;
    std::function<access::Session*()> m_session;
    std::function<sync::MirrorStatus()> m_status;
    QWidget* m_parent;
    QMenu* m_menu;
    QAction* m_start;
    QAction* m_report;
    QAction* m_end;
};

} // namespace lantern::ui
