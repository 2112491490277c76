<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>lantern::ui::AllergyView</name>
    <message>
        <source>intolerance</source>
        <translation>intolerance</translation>
    </message>
    <message>
        <source>allergy</source>
        <translation>allergy</translation>
    </message>
    <message>
        <source>HIGH criticality</source>
        <translation>HIGH criticality</translation>
    </message>
    <message>
        <source>Reaction: %1</source>
        <translation>Reaction: %1</translation>
    </message>
    <message>
        <source>Statement: %1</source>
        <translation>Statement: %1</translation>
    </message>
    <message>
        <source>Record without usable information: %1</source>
        <translation>Record without usable information: %1</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>recorded %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>age ?</source>
        <translation>age ?</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>Bed</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>MRN</translation>
    </message>
    <message>
        <source>Age · Sex</source>
        <translation>Age · Sex</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <source>Active meds</source>
        <translation>Active meds</translation>
    </message>
    <message>
        <source>Last dose given</source>
        <translation>Last dose given</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusView</name>
    <message>
        <source>Ward census</source>
        <translation>Ward census</translation>
    </message>
    <message>
        <source>Type to filter by name, bed or MRN …</source>
        <translation>Type to filter by name, bed or MRN …</translation>
    </message>
    <message>
        <source>Print census</source>
        <translation>Print census</translation>
    </message>
    <message>
        <source>Print ward MAR</source>
        <translation>Print ward MAR</translation>
    </message>
    <message>
        <source>%1 of %2 patients</source>
        <translation>%1 of %2 patients</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartView</name>
    <message>
        <source>← Census</source>
        <translation>← Census</translation>
    </message>
    <message>
        <source>Back to the ward census (Esc)</source>
        <translation>Back to the ward census (Esc)</translation>
    </message>
    <message>
        <source>Print MAR</source>
        <translation>Print MAR</translation>
    </message>
    <message>
        <source>Print emergency sheet</source>
        <translation>Print emergency sheet</translation>
    </message>
    <message>
        <source>Medication plan</source>
        <translation>Medication plan</translation>
    </message>
    <message>
        <source>MAR (72 h)</source>
        <translation>MAR (72 h)</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <source>Emergency sheet</source>
        <translation>Emergency sheet</translation>
    </message>
    <message>
        <source>Notes are read-only for now.
Recording arrives with the reconciliation feature.</source>
        <translation>Notes are read-only for now.
Recording arrives with the reconciliation feature.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Active orders (%1)</source>
        <translation>Active orders (%1)</translation>
    </message>
    <message>
        <source>Discontinued, completed or on hold (%1)</source>
        <translation>Discontinued, completed or on hold (%1)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::EmergencySheetHtml</name>
    <message>
        <source>? No information — not recorded, ask or check the paper chart</source>
        <translation>? No information — not recorded, ask or check the paper chart</translation>
    </message>
    <message>
        <source>None known (recorded statement)</source>
        <translation>None known (recorded statement)</translation>
    </message>
    <message>
        <source>(high criticality)</source>
        <translation>(high criticality)</translation>
    </message>
    <message>
        <source>Advance directive kept at:</source>
        <translation>Advance directive kept at:</translation>
    </message>
    <message>
        <source>no information</source>
        <translation>no information</translation>
    </message>
    <message>
        <source>Not applicable (administrative sex male)</source>
        <translation>Not applicable (administrative sex male)</translation>
    </message>
    <message>
        <source>Code status and advance directive</source>
        <translation>Code status and advance directive</translation>
    </message>
    <message>
        <source>Allergies and intolerances</source>
        <translation>Allergies and intolerances</translation>
    </message>
    <message>
        <source>Diagnoses (active problems)</source>
        <translation>Diagnoses (active problems)</translation>
    </message>
    <message>
        <source>Current medication</source>
        <translation>Current medication</translation>
    </message>
    <message>
        <source>Implants and devices</source>
        <translation>Implants and devices</translation>
    </message>
    <message>
        <source>Pregnancy</source>
        <translation>Pregnancy</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
</context>
<context>
    <name>lantern::ui::Format</name>
    <message>
        <source>%1 y</source>
        <translation>%1 y</translation>
    </message>
    <message>
        <source>%1 mo</source>
        <translation>%1 mo</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>%1 h %2 min ago</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 days ago</translation>
    </message>
    <message>
        <source>ALLERGY</source>
        <translation>ALLERGY</translation>
    </message>
    <message>
        <source>NKA</source>
        <translation>NKA</translation>
    </message>
    <message>
        <source>? No info</source>
        <translation>? No info</translation>
    </message>
    <message>
        <source>Allergies recorded</source>
        <translation>Allergies recorded</translation>
    </message>
    <message>
        <source>No known allergies (NKA) — recorded statement</source>
        <translation>No known allergies (NKA) — recorded statement</translation>
    </message>
    <message>
        <source>No information on allergies — ask the patient</source>
        <translation>No information on allergies — ask the patient</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MainWindow</name>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Lantern — locked</source>
        <translation>Lantern — locked</translation>
    </message>
    <message>
        <source>Lantern — %1</source>
        <translation>Lantern — %1</translation>
    </message>
    <message>
        <source>Locked after inactivity. Patient data is hidden until you unlock.</source>
        <translation>Locked after inactivity. Patient data is hidden until you unlock.</translation>
    </message>
    <message>
        <source>Locked. Patient data is hidden until you unlock.</source>
        <translation>Locked. Patient data is hidden until you unlock.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MarModel</name>
    <message>
        <source>stopped (%1)</source>
        <translation>stopped (%1)</translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation>(no order)</translation>
    </message>
    <message>
        <source>no matching order</source>
        <translation>no matching order</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MedicationPlanModel</name>
    <message>
        <source>Medication</source>
        <translation>Medication</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>As needed</source>
        <translation>As needed</translation>
    </message>
    <message>
        <source>Last given</source>
        <translation>Last given</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OrderText</name>
    <message>
        <source>(unnamed medication)</source>
        <translation>(unnamed medication)</translation>
    </message>
    <message>
        <source>no dosage given</source>
        <translation>no dosage given</translation>
    </message>
    <message>
        <source>day</source>
        <translation>day</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>week</source>
        <translation>week</translation>
    </message>
    <message>
        <source>%1× per %2</source>
        <translation>%1× per %2</translation>
    </message>
    <message>
        <source>%1× every %2 %3</source>
        <translation>%1× every %2 %3</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <source>PRN</source>
        <translation>PRN</translation>
    </message>
    <message>
        <source>PRN: %1</source>
        <translation>PRN: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>not given (no record)</source>
        <translation>not given (no record)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>as needed</source>
        <translation>as needed</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PagedReport</name>
    <message>
        <source>born %1 · MRN %2</source>
        <translation>born %1 · MRN %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <source>Downtime id %1</source>
        <translation>Downtime id %1</translation>
    </message>
    <message>
        <source>There is nothing to print.</source>
        <translation>There is nothing to print.</translation>
    </message>
    <message>
        <source>The printer could not be started. Check the printer or the file path.</source>
        <translation>The printer could not be started. Check the printer or the file path.</translation>
    </message>
    <message>
        <source>Printed by %1 on %2</source>
        <translation>Printed by %1 on %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PatientHeader</name>
    <message>
        <source>(patient record missing)</source>
        <translation>(patient record missing)</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>born %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>MRN %1</source>
        <translation>MRN %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Ward %1 · Bed %2</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintJobs</name>
    <message>
        <source>Medication administration record (MAR)</source>
        <translation>Medication administration record (MAR)</translation>
    </message>
    <message>
        <source>Ward census</source>
        <translation>Ward census</translation>
    </message>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Ward %1 · Bed %2</translation>
    </message>
    <message>
        <source>Emergency sheet</source>
        <translation>Emergency sheet</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintService</name>
    <message>
        <source>printed, but the audit entry failed</source>
        <translation>printed, but the audit entry failed</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReportHtml</name>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Ward %1 · Bed %2</translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation>Allergies:</translation>
    </message>
    <message>
        <source>ALLERGY: %1</source>
        <translation>ALLERGY: %1</translation>
    </message>
    <message>
        <source>Given in the last 24 h (since %1); write the next 24 h into the boxes: time and initials.</source>
        <translation>Given in the last 24 h (since %1); write the next 24 h into the boxes: time and initials.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Given, last 24 h</source>
        <translation>Given, last 24 h</translation>
    </message>
    <message>
        <source>06–14</source>
        <translation>06–14</translation>
    </message>
    <message>
        <source>14–22</source>
        <translation>14–22</translation>
    </message>
    <message>
        <source>22–06</source>
        <translation>22–06</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>none; last: %1</source>
        <translation>none; last: %1</translation>
    </message>
    <message>
        <source>No active medication orders in the vault.</source>
        <translation>No active medication orders in the vault.</translation>
    </message>
    <message>
        <source>Additional doses (drug, dose, time, initials):</source>
        <translation>Additional doses (drug, dose, time, initials):</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>Bed</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>MRN</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <source>Active meds</source>
        <translation>Active meds</translation>
    </message>
    <message>
        <source>Last dose given</source>
        <translation>Last dose given</translation>
    </message>
    <message>
        <source>NKA</source>
        <translation>NKA</translation>
    </message>
    <message>
        <source>? no information</source>
        <translation>? no information</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation><numerusform>%n patient</numerusform><numerusform>%n patients</numerusform></translation>
    </message>
</context>
<context>
    <name>lantern::ui::StatusBanner</name>
    <message>
        <source>EHR online</source>
        <translation>EHR online</translation>
    </message>
    <message>
        <source>EHR degraded — connection problems</source>
        <translation>EHR degraded — connection problems</translation>
    </message>
    <message>
        <source>DOWNTIME since %1</source>
        <translation>DOWNTIME since %1</translation>
    </message>
    <message>
        <source>DOWNTIME</source>
        <translation>DOWNTIME</translation>
    </message>
    <message>
        <source>EHR recovery — catching up</source>
        <translation>EHR recovery — catching up</translation>
    </message>
    <message>
        <source>data as of: unknown — never synchronised</source>
        <translation>data as of: unknown — never synchronised</translation>
    </message>
    <message>
        <source>data as of %1 (%2)</source>
        <translation>data as of %1 (%2)</translation>
    </message>
    <message>
        <source>Downtime id %1</source>
        <translation>Downtime id %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::UnlockScreen</name>
    <message>
        <source>Lantern</source>
        <translation>Lantern</translation>
    </message>
    <message>
        <source>Ward downtime workstation — sign in to see patient data</source>
        <translation>Ward downtime workstation — sign in to see patient data</translation>
    </message>
    <message>
        <source>e.g. anna.meyer</source>
        <translation>e.g. anna.meyer</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Enter your username and passphrase.</source>
        <translation>Enter your username and passphrase.</translation>
    </message>
    <message>
        <source>Username or passphrase is not correct. Check Caps Lock and try again.</source>
        <translation>Username or passphrase is not correct. Check Caps Lock and try again.</translation>
    </message>
    <message>
        <source>This account may not unlock Lantern. Ask IT to check it.</source>
        <translation>This account may not unlock Lantern. Ask IT to check it.</translation>
    </message>
    <message>
        <source>The vault could not be opened (%1). Call IT.</source>
        <translation>The vault could not be opened (%1). Call IT.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts — try again in %n s.</source>
        <translation><numerusform>Too many attempts — try again in %n s.</numerusform><numerusform>Too many attempts — try again in %n s.</numerusform></translation>
    </message>
    <message>
        <source>Unlocking …</source>
        <translation>Unlocking …</translation>
    </message>
</context>
<context>
    <name>lantern::ui::WardDesktop</name>
    <message>
        <source>Ward census</source>
        <translation>Ward census</translation>
    </message>
    <message>
        <source>This patient is not in the census.</source>
        <translation>This patient is not in the census.</translation>
    </message>
</context>
</TS>
