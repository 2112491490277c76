<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>lantern::model::AdministrationStatus</name>
    <message>
        <source>given</source>
        <translation>given</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>held, not given</source>
        <translation>held, not given</translation>
    </message>
    <message>
        <source>in progress, not completed</source>
        <translation>in progress, not completed</translation>
    </message>
    <message>
        <source>stopped, not completed</source>
        <translation>stopped, not completed</translation>
    </message>
    <message>
        <source>entered in error</source>
        <translation>entered in error</translation>
    </message>
    <message>
        <source>status unknown, not known to be given</source>
        <translation>status unknown, not known to be given</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; unknown, not known to be given</source>
        <translation>status &quot;%1&quot; unknown, not known to be given</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AdministrationDialog</name>
    <message>
        <source>Record administration</source>
        <translation>Record administration</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Given</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Required when not given or held, e.g. patient refused, nil by mouth</source>
        <translation>Required when not given or held, e.g. patient refused, nil by mouth</translation>
    </message>
    <message>
        <source>as ordered</source>
        <translation>as ordered</translation>
    </message>
    <message>
        <source>optional, e.g. left upper arm</source>
        <translation>optional, e.g. left upper arm</translation>
    </message>
    <message>
        <source>High-alert drug: username of the second person who checked</source>
        <translation>High-alert drug: username of the second person who checked</translation>
    </message>
    <message>
        <source>optional: username of a second person</source>
        <translation>optional: username of a second person</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Dose</source>
        <translation>&amp;Dose</translation>
    </message>
    <message>
        <source>R&amp;oute</source>
        <translation>R&amp;oute</translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation>&amp;Site</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <source>&amp;Witness (high-alert)</source>
        <translation>&amp;Witness (high-alert)</translation>
    </message>
    <message>
        <source>&amp;Witness</source>
        <translation>&amp;Witness</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Amend administration</source>
        <translation>Amend administration</translation>
    </message>
    <message>
        <source>The safety checks could not run: %1</source>
        <translation>The safety checks could not run: %1</translation>
    </message>
    <message>
        <source>Confirm every warning above before recording</source>
        <translation>Confirm every warning above before recording</translation>
    </message>
    <message>
        <source>Your role may not record administrations.</source>
        <translation>Your role may not record administrations.</translation>
    </message>
    <message>
        <source>Give the reason why the dose was not given or held.</source>
        <translation>Give the reason why the dose was not given or held.</translation>
    </message>
    <message>
        <source>Confirm each safety warning above (tick the box) or cancel. Nothing was recorded.</source>
        <translation>Confirm each safety warning above (tick the box) or cancel. Nothing was recorded.</translation>
    </message>
    <message>
        <source>This is a high-alert drug: a second person must check the dose before it is given. Enter their username as witness. Nothing was recorded.</source>
        <translation>This is a high-alert drug: a second person must check the dose before it is given. Enter their username as witness. Nothing was recorded.</translation>
    </message>
    <message>
        <source>The witness must be a second person, not you. Nothing was recorded.</source>
        <translation>The witness must be a second person, not you. Nothing was recorded.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a user of this device. Enter the witness&apos;s username. Nothing was recorded.</source>
        <translation>&quot;%1&quot; is not a user of this device. Enter the witness&apos;s username. Nothing was recorded.</translation>
    </message>
    <message>
        <source>The account of %1 is disabled; another person must witness. Nothing was recorded.</source>
        <translation>The account of %1 is disabled; another person must witness. Nothing was recorded.</translation>
    </message>
    <message>
        <source>The dose is ambiguous: write %1 or %2.</source>
        <translation>The dose is ambiguous: write %1 or %2.</translation>
    </message>
    <message>
        <source>Write the dose without thousands separators or spaces, e.g. 2500.</source>
        <translation>Write the dose without thousands separators or spaces, e.g. 2500.</translation>
    </message>
    <message>
        <source>A dose cannot be negative.</source>
        <translation>A dose cannot be negative.</translation>
    </message>
    <message>
        <source>The dose is not a number. Enter digits, e.g. 500.</source>
        <translation>The dose is not a number. Enter digits, e.g. 500.</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>Nothing was recorded.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AdmissionDialog</name>
    <message>
        <source>Downtime admission</source>
        <translation>Downtime admission</translation>
    </message>
    <message>
        <source>The patient gets a downtime identifier from this device&apos;s range. Write it on the wristband and the paper chart.</source>
        <translation>The patient gets a downtime identifier from this device&apos;s range. Write it on the wristband and the paper chart.</translation>
    </message>
    <message>
        <source>known</source>
        <translation>known</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <source>&amp;Family name</source>
        <translation>&amp;Family name</translation>
    </message>
    <message>
        <source>&amp;Given name</source>
        <translation>&amp;Given name</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>&amp;Birth date</translation>
    </message>
    <message>
        <source>&amp;Sex</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <source>&amp;Ward</source>
        <translation>&amp;Ward</translation>
    </message>
    <message>
        <source>B&amp;ed</source>
        <translation>B&amp;ed</translation>
    </message>
    <message>
        <source>Your role may not admit patients.</source>
        <translation>Your role may not admit patients.</translation>
    </message>
    <message>
        <source>Enter the family name (or a placeholder such as &quot;Unknown&quot;).</source>
        <translation>Enter the family name (or a placeholder such as &quot;Unknown&quot;).</translation>
    </message>
    <message>
        <source>No downtime identifier range is configured on this device, so no identifier can be given. Admit on paper and ask hospital IT to configure a range (lanternctl).</source>
        <translation>No downtime identifier range is configured on this device, so no identifier can be given. Admit on paper and ask hospital IT to configure a range (lanternctl).</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AllergyDialog</name>
    <message>
        <source>Report allergy</source>
        <translation>Report allergy</translation>
    </message>
    <message>
        <source>Stored as reported and unconfirmed until a physician in the EHR confirms it.</source>
        <translation>Stored as reported and unconfirmed until a physician in the EHR confirms it.</translation>
    </message>
    <message>
        <source>e.g. penicillin, ibuprofen, latex</source>
        <translation>e.g. penicillin, ibuprofen, latex</translation>
    </message>
    <message>
        <source>optional, e.g. rash, anaphylaxis</source>
        <translation>optional, e.g. rash, anaphylaxis</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <source>low</source>
        <translation>low</translation>
    </message>
    <message>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <source>unable to assess</source>
        <translation>unable to assess</translation>
    </message>
    <message>
        <source>&amp;Substance</source>
        <translation>&amp;Substance</translation>
    </message>
    <message>
        <source>&amp;Reaction</source>
        <translation>&amp;Reaction</translation>
    </message>
    <message>
        <source>&amp;Criticality</source>
        <translation>&amp;Criticality</translation>
    </message>
    <message>
        <source>Amend reported allergy</source>
        <translation>Amend reported allergy</translation>
    </message>
    <message>
        <source>Your role may not record allergies.</source>
        <translation>Your role may not record allergies.</translation>
    </message>
    <message>
        <source>Name the substance the patient reacts to.</source>
        <translation>Name the substance the patient reacts to.</translation>
    </message>
</context>
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
    <name>lantern::ui::AnnotationDialog</name>
    <message>
        <source>Only physicians annotate medication orders.</source>
        <translation>Only physicians annotate medication orders.</translation>
    </message>
    <message>
        <source>Annotate order</source>
        <translation>Annotate order</translation>
    </message>
    <message>
        <source>Shown on the medication plan and the MAR to everyone until it reaches the EHR.</source>
        <translation>Shown on the medication plan and the MAR to everyone until it reaches the EHR.</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Dose concern</source>
        <translation>Dose concern</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>Amend order annotation</source>
        <translation>Amend order annotation</translation>
    </message>
    <message>
        <source>Say what should happen with this order.</source>
        <translation>Say what should happen with this order.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::BreakGlassDialog</name>
    <message>
        <source>Emergency: the patient needs care now</source>
        <translation>Emergency: the patient needs care now</translation>
    </message>
    <message>
        <source>Transfer: the patient is being moved to my ward</source>
        <translation>Transfer: the patient is being moved to my ward</translation>
    </message>
    <message>
        <source>Covering: I am looking after that ward this shift</source>
        <translation>Covering: I am looking after that ward this shift</translation>
    </message>
    <message>
        <source>Consultation: I was asked to see the patient</source>
        <translation>Consultation: I was asked to see the patient</translation>
    </message>
    <message>
        <source>Patient on another ward</source>
        <translation>Patient on another ward</translation>
    </message>
    <message>
        <source>&lt;b&gt;This patient is not on your wards.&lt;/b&gt;&lt;br&gt;Opening the chart is recorded in the audit log with your name, the time and the reason you choose.</source>
        <translation>&lt;b&gt;This patient is not on your wards.&lt;/b&gt;&lt;br&gt;Opening the chart is recorded in the audit log with your name, the time and the reason you choose.</translation>
    </message>
    <message>
        <source>MRN from the wristband or transfer sheet</source>
        <translation>MRN from the wristband or transfer sheet</translation>
    </message>
    <message>
        <source>Medical record number (MRN):</source>
        <translation>Medical record number (MRN):</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Open chart (audited)</source>
        <translation>Open chart (audited)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusModel</name>
    <message>
        <source>MERGED into %1 - do not use</source>
        <translation>MERGED into %1 - do not use</translation>
    </message>
    <message>
        <source>INACTIVE record</source>
        <translation>INACTIVE record</translation>
    </message>
    <message>
        <source>The EHR no longer uses this record; nothing can be recorded against it.</source>
        <translation>The EHR no longer uses this record; nothing can be recorded against it.</translation>
    </message>
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
    <message numerus="yes">
        <source>%n entries recorded in downtime, not yet in the EHR (pending or in conflict)</source>
        <translation>
            <numerusform>%n entry recorded in downtime, not yet in the EHR (pending or in conflict)</numerusform>
            <numerusform>%n entries recorded in downtime, not yet in the EHR (pending or in conflict)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of this patient could not be read: open the chart to see which, check the paper record</source>
        <translation>
            <numerusform>%n record of this patient could not be read: open the chart to see which, check the paper record</numerusform>
            <numerusform>%n records of this patient could not be read: open the chart to see which, check the paper record</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending (this PC)</source>
        <translation>Pending (this PC)</translation>
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
    <message>
        <source>Other ward…</source>
        <translation>Other ward…</translation>
    </message>
    <message>
        <source>Downtime admission…</source>
        <translation>Downtime admission…</translation>
    </message>
    <message>
        <source>Open the chart of a patient on another ward (break-glass: reason required, audited)</source>
        <translation>Open the chart of a patient on another ward (break-glass: reason required, audited)</translation>
    </message>
    <message>
        <source>Admit a patient during downtime: identifier from this device&apos;s range</source>
        <translation>Admit a patient during downtime: identifier from this device&apos;s range</translation>
    </message>
    <message>
        <source>Reconciliation…</source>
        <translation>Reconciliation…</translation>
    </message>
    <message>
        <source>Entries recorded during downtime: pending, uploaded, conflicts (Ctrl+Shift+R)</source>
        <translation>Entries recorded during downtime: pending, uploaded, conflicts (Ctrl+Shift+R)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartNotices</name>
    <message>
        <source>resource of unknown type</source>
        <translation>resource of unknown type</translation>
    </message>
    <message>
        <source>could not be read: %1, %2</source>
        <translation>could not be read: %1, %2</translation>
    </message>
    <message>
        <source>(may hold allergy information: check the paper record)</source>
        <translation>(may hold allergy information: check the paper record)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n record(s) of this patient could not be read and are not shown above; check the paper record:</source>
        <translation>
            <numerusform>⚠ %n record of this patient could not be read and is not shown above; check the paper record:</numerusform>
            <numerusform>⚠ %n records of this patient could not be read and are not shown above; check the paper record:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n unreadable</source>
        <translation>
            <numerusform>⚠ %n unreadable</numerusform>
            <numerusform>⚠ %n unreadable</numerusform>
        </translation>
    </message>
    <message>
        <source>Entries from this PC only: doses and notes recorded during the downtime on other PCs of this ward are not shown here.</source>
        <translation>Entries from this PC only: doses and notes recorded during the downtime on other PCs of this ward are not shown here.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartRecorder</name>
    <message>
        <source>Record:</source>
        <translation>Record:</translation>
    </message>
    <message>
        <source>Dose given / not given…</source>
        <translation>Dose given / not given…</translation>
    </message>
    <message>
        <source>Record an administration of the selected order (Ctrl+D, or double-click the order)</source>
        <translation>Record an administration of the selected order (Ctrl+D, or double-click the order)</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>Add a nursing or physician note (Ctrl+Shift+N)</source>
        <translation>Add a nursing or physician note (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Reported allergy…</source>
        <translation>Reported allergy…</translation>
    </message>
    <message>
        <source>Record a newly reported allergy, unconfirmed (Ctrl+Shift+Y)</source>
        <translation>Record a newly reported allergy, unconfirmed (Ctrl+Shift+Y)</translation>
    </message>
    <message>
        <source>Annotate order…</source>
        <translation>Annotate order…</translation>
    </message>
    <message>
        <source>Hold, review or dose concern on the selected order (Ctrl+Shift+O)</source>
        <translation>Hold, review or dose concern on the selected order (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Your role may not record administrations.</source>
        <translation>Your role may not record administrations.</translation>
    </message>
    <message>
        <source>Select an order on the medication plan or the MAR first.</source>
        <translation>Select an order on the medication plan or the MAR first.</translation>
    </message>
    <message>
        <source>Recorded: %1 — saved on this device, not yet in the EHR.</source>
        <translation>Recorded: %1 — saved on this device, not yet in the EHR.</translation>
    </message>
    <message>
        <source>Select an order on the medication plan first.</source>
        <translation>Select an order on the medication plan first.</translation>
    </message>
    <message>
        <source>Annotation recorded on %1 — shown on the plan and the MAR.</source>
        <translation>Annotation recorded on %1 — shown on the plan and the MAR.</translation>
    </message>
    <message>
        <source>Your role may not record notes.</source>
        <translation>Your role may not record notes.</translation>
    </message>
    <message>
        <source>Note recorded — saved on this device, not yet in the EHR.</source>
        <translation>Note recorded — saved on this device, not yet in the EHR.</translation>
    </message>
    <message>
        <source>Your role may not record allergies.</source>
        <translation>Your role may not record allergies.</translation>
    </message>
    <message>
        <source>Reported allergy recorded (unconfirmed) — saved on this device, not yet in the EHR.</source>
        <translation>Reported allergy recorded (unconfirmed) — saved on this device, not yet in the EHR.</translation>
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
        <source>Home medication (MedicationStatement) (%1)</source>
        <translation>Home medication (MedicationStatement) (%1)</translation>
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
    <message>
        <source>? Not known — no pregnancy status recorded; ask before imaging or teratogenic drugs</source>
        <translation>? Not known — no pregnancy status recorded; ask before imaging or teratogenic drugs</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>recorded %1</translation>
    </message>
    <message>
        <source>PREGNANT</source>
        <translation>PREGNANT</translation>
    </message>
    <message>
        <source>estimated delivery %1</source>
        <translation>estimated delivery %1</translation>
    </message>
    <message>
        <source>Not pregnant</source>
        <translation>Not pregnant</translation>
    </message>
    <message>
        <source>Recorded as unknown</source>
        <translation>Recorded as unknown</translation>
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
    <message>
        <source>? Unknown - check paper record</source>
        <translation>? Unknown - check paper record</translation>
    </message>
    <message>
        <source>Allergies unknown: an allergy record could not be read — check the paper record</source>
        <translation>Allergies unknown: an allergy record could not be read — check the paper record</translation>
    </message>
</context>
<context>
    <name>lantern::ui::LocalMarks</name>
    <message>
        <source>recorded in downtime, in conflict: waits for review</source>
        <translation>recorded in downtime, in conflict: waits for review</translation>
    </message>
    <message>
        <source>recorded in downtime, now in EHR</source>
        <translation>recorded in downtime, now in EHR</translation>
    </message>
    <message>
        <source>recorded in downtime, duplicate of an EHR entry</source>
        <translation>recorded in downtime, duplicate of an EHR entry</translation>
    </message>
    <message>
        <source>recorded in downtime, not yet in EHR</source>
        <translation>recorded in downtime, not yet in EHR</translation>
    </message>
    <message>
        <source>HOLD</source>
        <translation>HOLD</translation>
    </message>
    <message>
        <source>REVIEW</source>
        <translation>REVIEW</translation>
    </message>
    <message>
        <source>DOSE CONCERN</source>
        <translation>DOSE CONCERN</translation>
    </message>
    <message>
        <source>Nursing note</source>
        <translation>Nursing note</translation>
    </message>
    <message>
        <source>Physician note</source>
        <translation>Physician note</translation>
    </message>
</context>
<context>
    <name>lantern::ui::LocalNotesView</name>
    <message>
        <source>Recorded on this device during the downtime</source>
        <translation>Recorded on this device during the downtime</translation>
    </message>
    <message>
        <source>No notes recorded here yet. The EHR&apos;s notes are not mirrored; use &quot;Note…&quot; above to add one.</source>
        <translation>No notes recorded here yet. The EHR&apos;s notes are not mirrored; use &quot;Note…&quot; above to add one.</translation>
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
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Locked together with the computer&apos;s screen. Patient data is hidden until you unlock.</source>
        <translation>Locked together with the computer&apos;s screen. Patient data is hidden until you unlock.</translation>
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
    <name>lantern::ui::NoteDialog</name>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Nursing note</source>
        <translation>Nursing note</translation>
    </message>
    <message>
        <source>Physician note</source>
        <translation>Physician note</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>Amend note</source>
        <translation>Amend note</translation>
    </message>
    <message>
        <source>Your role may not record notes.</source>
        <translation>Your role may not record notes.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Write the note first.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OrderText</name>
    <message>
        <source>(unnamed medication)</source>
        <translation>(unnamed medication)</translation>
    </message>
    <message>
        <source>reference not found: %1</source>
        <translation>reference not found: %1</translation>
    </message>
    <message>
        <source>unknown medication (%1)</source>
        <translation>unknown medication (%1)</translation>
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
    <message>
        <source>as needed: %1</source>
        <translation>as needed: %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OutboxModel</name>
    <message>
        <source>Patient record merged</source>
        <translation>Patient record merged</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Order annotation</source>
        <translation>Order annotation</translation>
    </message>
    <message>
        <source>Reported allergy</source>
        <translation>Reported allergy</translation>
    </message>
    <message>
        <source>Downtime admission</source>
        <translation>Downtime admission</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>Entered in error</translation>
    </message>
    <message>
        <source>Order changed</source>
        <translation>Order changed</translation>
    </message>
    <message>
        <source>Order discontinued</source>
        <translation>Order discontinued</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Rejected by the EHR</source>
        <translation>Rejected by the EHR</translation>
    </message>
    <message>
        <source>Upload anyway</source>
        <translation>Upload anyway</translation>
    </message>
    <message>
        <source>Marked duplicate</source>
        <translation>Marked duplicate</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>Amended</translation>
    </message>
    <message>
        <source>%1 (amends an earlier entry)</source>
        <translation>%1 (amends an earlier entry)</translation>
    </message>
    <message>
        <source>%1, witness %2</source>
        <translation>%1, witness %2</translation>
    </message>
    <message>
        <source>last attempt: %1</source>
        <translation>last attempt: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>%1 by %2, %3</source>
        <translation>%1 by %2, %3</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Clinical time</source>
        <translation>Clinical time</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Conflict / problem</source>
        <translation>Conflict / problem</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
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
        <source>MERGED into %1 - do not use</source>
        <translation>MERGED into %1 - do not use</translation>
    </message>
    <message>
        <source>INACTIVE record</source>
        <translation>INACTIVE record</translation>
    </message>
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
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bed %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>ward ?</translation>
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
        <source>Emergency sheet</source>
        <translation>Emergency sheet</translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bed %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>ward ?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintService</name>
    <message>
        <source>There is nothing to print.</source>
        <translation>There is nothing to print.</translation>
    </message>
    <message>
        <source>Cannot write into the folder of %1: %2</source>
        <translation>Cannot write into the folder of %1: %2</translation>
    </message>
    <message>
        <source>The PDF could not be read back: %1</source>
        <translation>The PDF could not be read back: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReconcileReportPrint</name>
    <message>
        <source>open — waits for a physician</source>
        <translation>open — waits for a physician</translation>
    </message>
    <message>
        <source>%1 by %2 on %3</source>
        <translation>%1 by %2 on %3</translation>
    </message>
    <message>
        <source>Reconciliation report · all entries of this device</source>
        <translation>Reconciliation report · all entries of this device</translation>
    </message>
    <message>
        <source>Reconciliation report · downtime %1</source>
        <translation>Reconciliation report · downtime %1</translation>
    </message>
    <message>
        <source>Device %1 · report generated %2</source>
        <translation>Device %1 · report generated %2</translation>
    </message>
    <message>
        <source>Recorded from %1 to %2 · clinical times from %3 to %4</source>
        <translation>Recorded from %1 to %2 · clinical times from %3 to %4</translation>
    </message>
    <message>
        <source>Entries by state</source>
        <translation>Entries by state</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Conflicts and how they were resolved (%1)</source>
        <translation>Conflicts and how they were resolved (%1)</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Clinical time</source>
        <translation>Clinical time</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Patients (%1)</source>
        <translation>Patients (%1)</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Still open</translation>
    </message>
    <message>
        <source>Downtime note in EHR</source>
        <translation>Downtime note in EHR</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>posted</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>Reconciliation · all entries</source>
        <translation>Reconciliation · all entries</translation>
    </message>
    <message>
        <source>Reconciliation · downtime %1</source>
        <translation>Reconciliation · downtime %1</translation>
    </message>
    <message>
        <source>witness %1</source>
        <translation>witness %1</translation>
    </message>
    <message>
        <source>warnings confirmed: %1</source>
        <translation>warnings confirmed: %1</translation>
    </message>
    <message>
        <source>Entries of this patient</source>
        <translation>Entries of this patient</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Conflict / problem</source>
        <translation>Conflict / problem</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReconcileView</name>
    <message>
        <source>Upload anyway</source>
        <translation>Upload anyway</translation>
    </message>
    <message>
        <source>Mark as duplicate</source>
        <translation>Mark as duplicate</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Reconcile now</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>← Census</source>
        <translation>← Census</translation>
    </message>
    <message>
        <source>Back to the ward census (Esc)</source>
        <translation>Back to the ward census (Esc)</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;State:</translation>
    </message>
    <message>
        <source>&amp;Downtime:</source>
        <translation>&amp;Downtime:</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <source>The reconciliation report of the chosen downtime (entries, conflicts, decisions)</source>
        <translation>The reconciliation report of the chosen downtime (entries, conflicts, decisions)</translation>
    </message>
    <message>
        <source>Upload the pending entries to the EHR now (runs in the background)</source>
        <translation>Upload the pending entries to the EHR now (runs in the background)</translation>
    </message>
    <message>
        <source>Decision note (optional), e.g. &quot;back-charted from paper at 10:15&quot;</source>
        <translation>Decision note (optional), e.g. &quot;back-charted from paper at 10:15&quot;</translation>
    </message>
    <message>
        <source>File the entry in the EHR as recorded, without the order and duplicate checks</source>
        <translation>File the entry in the EHR as recorded, without the order and duplicate checks</translation>
    </message>
    <message>
        <source>The EHR already has this (e.g. back-charted from paper): keep it here, never upload</source>
        <translation>The EHR already has this (e.g. back-charted from paper): keep it here, never upload</translation>
    </message>
    <message>
        <source>Record a corrected entry that replaces this one</source>
        <translation>Record a corrected entry that replaces this one</translation>
    </message>
    <message>
        <source>Decide the selected conflict:</source>
        <translation>Decide the selected conflict:</translation>
    </message>
    <message>
        <source>Conflicts are decided by a physician.</source>
        <translation>Conflicts are decided by a physician.</translation>
    </message>
    <message>
        <source>All downtimes</source>
        <translation>All downtimes</translation>
    </message>
    <message>
        <source>%1 pending · %2 in conflict · %3 uploaded · %4 duplicate · %5 superseded · %6 entered in error</source>
        <translation>%1 pending · %2 in conflict · %3 uploaded · %4 duplicate · %5 superseded · %6 entered in error</translation>
    </message>
    <message>
        <source>Safety warnings confirmed when recorded: %1</source>
        <translation>Safety warnings confirmed when recorded: %1</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Select an entry first.</translation>
    </message>
    <message>
        <source>Decision recorded: %1.</source>
        <translation>Decision recorded: %1.</translation>
    </message>
    <message>
        <source>Only a physician may amend an entry in conflict.</source>
        <translation>Only a physician may amend an entry in conflict.</translation>
    </message>
    <message>
        <source>Only entries in conflict are amended here.</source>
        <translation>Only entries in conflict are amended here.</translation>
    </message>
    <message>
        <source>The order of this entry is no longer in the vault; record a note instead.</source>
        <translation>The order of this entry is no longer in the vault; record a note instead.</translation>
    </message>
    <message>
        <source>A downtime admission cannot be amended here; upload it or mark it.</source>
        <translation>A downtime admission cannot be amended here; upload it or mark it.</translation>
    </message>
    <message>
        <source>Amended: the corrected entry replaces the one in conflict.</source>
        <translation>Amended: the corrected entry replaces the one in conflict.</translation>
    </message>
    <message>
        <source>Reconciling with the EHR…</source>
        <translation>Reconciling with the EHR…</translation>
    </message>
    <message>
        <source>Reconciliation: %1 filed, %2 new conflicts, %3 pending, %4 conflicts open.</source>
        <translation>Reconciliation: %1 filed, %2 new conflicts, %3 pending, %4 conflicts open.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Stopped: %1</translation>
    </message>
    <message>
        <source>Reconciliation requested, but the mirror service is not running: it starts when the service runs again. Tell IT.</source>
        <translation>Reconciliation requested, but the mirror service is not running: it starts when the service runs again. Tell IT.</translation>
    </message>
    <message>
        <source>Reconciliation requested: the mirror service runs it in the background…</source>
        <translation>Reconciliation requested: the mirror service runs it in the background…</translation>
    </message>
</context>
<context>
    <name>lantern::ui::RecordDialog</name>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReportHtml</name>
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
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bed %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>ward ?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::SafetyWarningPanel</name>
    <message>
        <source>ALLERGY</source>
        <translation>ALLERGY</translation>
    </message>
    <message>
        <source>TOO SOON AFTER THE LAST DOSE</source>
        <translation>TOO SOON AFTER THE LAST DOSE</translation>
    </message>
    <message>
        <source>ORDER DISCONTINUED</source>
        <translation>ORDER DISCONTINUED</translation>
    </message>
    <message>
        <source>I have checked this warning and record anyway</source>
        <translation>I have checked this warning and record anyway</translation>
    </message>
    <message>
        <source>MAXIMUM DOSE EXCEEDED</source>
        <translation>MAXIMUM DOSE EXCEEDED</translation>
    </message>
    <message>
        <source>ORDER ON HOLD OR NOT ACTIVE</source>
        <translation>ORDER ON HOLD OR NOT ACTIVE</translation>
    </message>
    <message>
        <source>DOSE DIFFERS FROM THE ORDER</source>
        <translation>DOSE DIFFERS FROM THE ORDER</translation>
    </message>
    <message>
        <source>POSSIBLE CROSS-ALLERGY</source>
        <translation>POSSIBLE CROSS-ALLERGY</translation>
    </message>
    <message>
        <source>SAME INGREDIENT GIVEN RECENTLY</source>
        <translation>SAME INGREDIENT GIVEN RECENTLY</translation>
    </message>
</context>
<context>
    <name>lantern::ui::SafetyWarningText</name>
    <message>
        <source>this medication</source>
        <translation>this medication</translation>
    </message>
    <message>
        <source>an unnamed substance</source>
        <translation>an unnamed substance</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1: %2 contains it.</source>
        <translation>Recorded allergy (unconfirmed) to %1: %2 contains it.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1: %2 contains it.</source>
        <translation>Recorded allergy to %1: %2 contains it.</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1 (%2): %3 belongs to the same class.</source>
        <translation>Recorded allergy (unconfirmed) to %1 (%2): %3 belongs to the same class.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1 (%2): %3 belongs to the same class.</source>
        <translation>Recorded allergy to %1 (%2): %3 belongs to the same class.</translation>
    </message>
    <message>
        <source>Last dose of this order (recorded during downtime) was given at %1, %2 from this one; the order allows one dose every %3.</source>
        <translation>Last dose of this order (recorded during downtime) was given at %1, %2 from this one; the order allows one dose every %3.</translation>
    </message>
    <message>
        <source>Last dose of this order was given at %1, %2 from this one; the order allows one dose every %3.</source>
        <translation>Last dose of this order was given at %1, %2 from this one; the order allows one dose every %3.</translation>
    </message>
    <message>
        <source>This dose brings the total to %1 %2 within %3; the order allows at most %4 %2.</source>
        <translation>This dose brings the total to %1 %2 within %3; the order allows at most %4 %2.</translation>
    </message>
    <message>
        <source>This order is %1 in the EHR data as of %2; it should not be given.</source>
        <translation>This order is %1 in the EHR data as of %2; it should not be given.</translation>
    </message>
    <message>
        <source>This order is %1 in the last imported EHR data; it should not be given.</source>
        <translation>This order is %1 in the last imported EHR data; it should not be given.</translation>
    </message>
    <message>
        <source>This order ended at %1, before the data-as-of time.</source>
        <translation>This order ended at %1, before the data-as-of time.</translation>
    </message>
    <message>
        <source>This order ended at %1, before the time of this dose.</source>
        <translation>This order ended at %1, before the time of this dose.</translation>
    </message>
    <message>
        <source>penicillins</source>
        <translation>penicillins</translation>
    </message>
    <message>
        <source>cephalosporins</source>
        <translation>cephalosporins</translation>
    </message>
    <message>
        <source>opioids</source>
        <translation>opioids</translation>
    </message>
    <message>
        <source>pyrazolones (metamizole)</source>
        <translation>pyrazolones (metamizole)</translation>
    </message>
    <message>
        <source>sulfonamide antibiotics</source>
        <translation>sulfonamide antibiotics</translation>
    </message>
    <message>
        <source>iodinated contrast media</source>
        <translation>iodinated contrast media</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>entered in error</source>
        <translation>entered in error</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>(matched by name only)</source>
        <translation>(matched by name only)</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</source>
        <translation>Recorded allergy (unconfirmed) to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</source>
        <translation>Recorded allergy to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</translation>
    </message>
    <message>
        <source>a dose</source>
        <translation>a dose</translation>
    </message>
    <message>
        <source>The same ingredient was given under another order (%1, recorded during downtime) at %2, %3 from this one; one dose every %4 at most.</source>
        <translation>The same ingredient was given under another order (%1, recorded during downtime) at %2, %3 from this one; one dose every %4 at most.</translation>
    </message>
    <message>
        <source>The same ingredient was given under another order (%1) at %2, %3 from this one; one dose every %4 at most.</source>
        <translation>The same ingredient was given under another order (%1) at %2, %3 from this one; one dose every %4 at most.</translation>
    </message>
    <message>
        <source>This dose brings the total of %1 (all orders) to %2 %3 within %4; the product information allows at most %5 %3 a day.</source>
        <translation>This dose brings the total of %1 (all orders) to %2 %3 within %4; the product information allows at most %5 %3 a day.</translation>
    </message>
    <message>
        <source>This order is %1 in the EHR data, not active. Ask the physician before giving it.</source>
        <translation>This order is %1 in the EHR data, not active. Ask the physician before giving it.</translation>
    </message>
    <message>
        <source>A physician put this order on HOLD during the downtime (%1). Ask before giving it.</source>
        <translation>A physician put this order on HOLD during the downtime (%1). Ask before giving it.</translation>
    </message>
    <message>
        <source>The dose entered (%1 %2) is not the ordered dose (%3 %2).</source>
        <translation>The dose entered (%1 %2) is not the ordered dose (%3 %2).</translation>
    </message>
    <message>
        <source>carbapenems</source>
        <translation>carbapenems</translation>
    </message>
    <message>
        <source>NSAIDs and salicylates</source>
        <translation>NSAIDs and salicylates</translation>
    </message>
    <message>
        <source>paracetamol (anilides)</source>
        <translation>paracetamol (anilides)</translation>
    </message>
    <message>
        <source>heparins and low-molecular-weight heparins</source>
        <translation>heparins and low-molecular-weight heparins</translation>
    </message>
    <message>
        <source>direct oral anticoagulants</source>
        <translation>direct oral anticoagulants</translation>
    </message>
    <message>
        <source>vitamin K antagonists</source>
        <translation>vitamin K antagonists</translation>
    </message>
    <message>
        <source>insulins</source>
        <translation>insulins</translation>
    </message>
    <message>
        <source>concentrated electrolytes for infusion</source>
        <translation>concentrated electrolytes for infusion</translation>
    </message>
    <message>
        <source>ACE inhibitors</source>
        <translation>ACE inhibitors</translation>
    </message>
    <message>
        <source>macrolides</source>
        <translation>macrolides</translation>
    </message>
    <message>
        <source>fluoroquinolones</source>
        <translation>fluoroquinolones</translation>
    </message>
    <message>
        <source>tetracyclines</source>
        <translation>tetracyclines</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>on hold</translation>
    </message>
    <message>
        <source>a draft</source>
        <translation>a draft</translation>
    </message>
    <message>
        <source>of unknown status</source>
        <translation>of unknown status</translation>
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
    <message>
        <source>EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT</source>
        <translation>EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT</translation>
    </message>
    <message>
        <source>the data on this device is not being updated; tell IT</source>
        <translation>the data on this device is not being updated; tell IT</translation>
    </message>
    <message>
        <source>Mirror service not running: %1</source>
        <translation>Mirror service not running: %1</translation>
    </message>
    <message>
        <source>Mirror service not running since %1: %2</source>
        <translation>Mirror service not running since %1: %2</translation>
    </message>
    <message>
        <source>Disk almost full: %1</source>
        <translation>Disk almost full: %1</translation>
    </message>
    <message>
        <source>Disk full: %1</source>
        <translation>Disk full: %1</translation>
    </message>
    <message>
        <source>Mirror failing (%1): %2</source>
        <translation>Mirror failing (%1): %2</translation>
    </message>
    <message>
        <source>Mirror failing since %1 (%2): %3</source>
        <translation>Mirror failing since %1 (%2): %3</translation>
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
        <translation>
            <numerusform>Too many attempts — try again in %n s.</numerusform>
            <numerusform>Too many attempts — try again in %n s.</numerusform>
        </translation>
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
        <source>IT administrators manage the device and see no patient data.</source>
        <translation>IT administrators manage the device and see no patient data.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Your role may not do this.</translation>
    </message>
    <message>
        <source>Your account has been disabled. Lock the screen and ask IT.</source>
        <translation>Your account has been disabled. Lock the screen and ask IT.</translation>
    </message>
    <message>
        <source>This patient is not on your wards. Use &quot;Other ward…&quot; to open the chart with a reason (break-glass, audited).</source>
        <translation>This patient is not on your wards. Use &quot;Other ward…&quot; to open the chart with a reason (break-glass, audited).</translation>
    </message>
    <message>
        <source>Your role may not open patients outside your wards.</source>
        <translation>Your role may not open patients outside your wards.</translation>
    </message>
    <message>
        <source>Choose a reason for opening this chart.</source>
        <translation>Choose a reason for opening this chart.</translation>
    </message>
    <message>
        <source>No patient with MRN %1 in this vault. Check the number.</source>
        <translation>No patient with MRN %1 in this vault. Check the number.</translation>
    </message>
    <message>
        <source>Downtime admission</source>
        <translation>Downtime admission</translation>
    </message>
    <message>
        <source>Admitted with downtime identifier %1.</source>
        <translation>Admitted with downtime identifier %1.</translation>
    </message>
    <message>
        <source>Admitted with downtime identifier %1.
Write it on the wristband and the paper chart.</source>
        <translation>Admitted with downtime identifier %1.
Write it on the wristband and the paper chart.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>This patient is not in the census.</source>
        <translation>This patient is not in the census.</translation>
    </message>
</context>
<context>
    <name>lantern::vault::DiskStatus</name>
    <message>
        <source>%1 MB free, below mirror.min_free_mb (%2 MB); the mirror has stopped writing EHR data, reading and recording go on. Free space on the vault's disk (old logs, printouts, exports) or give it more room; the mirror resumes by itself</source>
        <translation>%1 MB free, below mirror.min_free_mb (%2 MB); the mirror has stopped writing EHR data, reading and recording go on. Free space on the vault's disk (old logs, printouts, exports) or give it more room; the mirror resumes by itself</translation>
    </message>
    <message>
        <source>%1 MB free; unlock, audit and downtime entries use the vault's reserve, the mirror writes nothing. Free space on the vault's disk now (old logs, printouts, exports); nothing recorded is lost and everything resumes once there is room</source>
        <translation>%1 MB free; unlock, audit and downtime entries use the vault's reserve, the mirror writes nothing. Free space on the vault's disk now (old logs, printouts, exports); nothing recorded is lost and everything resumes once there is room</translation>
    </message>
</context>
</TS>
