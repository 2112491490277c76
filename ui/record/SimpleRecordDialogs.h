#pragma once
// The short record dialogs: a note (nursing or physician), a physician's
// annotation on one order (hold / review / dose concern), a newly reported
// allergy (stored unconfirmed), and a patient admitted during downtime (the
// identifier comes from the device's range and is shown after recording).

#include "ui/record/RecordDialog.h"
#include "ui/record/RecordEnv.h"

class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;

namespace lantern::ui {

class NoteDialog : public RecordDialog
{
    Q_OBJECT

public:
    NoteDialog(const RecordEnv& env, QString patientId, QWidget* parent = nullptr);
    void prefill(const record::NoteInput& input);
    QComboBox* categoryBox() const { return m_category; }
    QPlainTextEdit* textField() const { return m_text; }

protected:
    Result<record::RecordEntry> submit() override;

private:
    RecordEnv m_env;
    QString m_patientId;
    QString m_amends;
    QComboBox* m_category;
    QPlainTextEdit* m_text;
};

class AnnotationDialog : public RecordDialog
{
    Q_OBJECT

public:
    // Denied unless the user is a physician who may record.
    static Status mayOpen(const RecordEnv& env);
    AnnotationDialog(const RecordEnv& env, QString patientId, QString orderId, const QString& orderText,
                     QWidget* parent = nullptr);
    void prefill(const record::OrderAnnotationInput& input);
    QComboBox* kindBox() const { return m_kind; }
    QPlainTextEdit* textField() const { return m_text; }

protected:
    Result<record::RecordEntry> submit() override;

private:
    RecordEnv m_env;
    QString m_patientId;
    QString m_orderId;
    QString m_amends;
    QComboBox* m_kind;
    QPlainTextEdit* m_text;
};

class AllergyDialog : public RecordDialog
{
    Q_OBJECT

public:
    AllergyDialog(const RecordEnv& env, QString patientId, QWidget* parent = nullptr);
    void prefill(const record::ReportedAllergyInput& input);
    QLineEdit* substanceField() const { return m_substance; }

protected:
    Result<record::RecordEntry> submit() override;

private:
    RecordEnv m_env;
    QString m_patientId;
    QString m_amends;
    QLineEdit* m_substance;
    QLineEdit* m_reaction;
    QComboBox* m_criticality;
};

class AdmissionDialog : public RecordDialog
{
    Q_OBJECT

public:
    // wards: Location id -> name, the wards the user may admit to. A ward given
    // without a name (or with its id as name) is named from the vault's Locations.
    AdmissionDialog(const RecordEnv& env, const QList<QPair<QString, QString>>& wards, QWidget* parent = nullptr);
    QComboBox* wardBox() const { return m_ward; }
    QLineEdit* familyField() const { return m_family; }
    QLineEdit* givenField() const { return m_given; }
    QLineEdit* bedField() const { return m_bed; }
    // The identifier the new patient got (after recording), from the entry's Patient resource.
    static QString identifierOf(const record::RecordEntry& entry);

protected:
    Result<record::RecordEntry> submit() override;

private:
    RecordEnv m_env;
    QLineEdit* m_family;
    QLineEdit* m_given;
    QDateEdit* m_birth;
    QComboBox* m_birthKnown;
    QComboBox* m_sex;
    QComboBox* m_ward;
    QLineEdit* m_bed;
};

} // namespace lantern::ui
