#pragma once
// Pregnancy status for the emergency sheet (IPS "Pregnancy status" section,
// German Notfalldatensatz): an Observation with LOINC 82810-3 whose value is
// LA15173-0 pregnant, LA26683-5 not pregnant or LA4489-6 unknown, and
// optionally the estimated delivery date (LOINC 11778-8) as a member or component.

#include "core/model/Common.h"

#include <QDate>
#include <QString>

namespace lantern::model {

enum class PregnancyState
{
    Unknown,     // recorded as unknown, or a value Lantern cannot place
    Pregnant,
    NotPregnant
};

struct PregnancyStatus
{
    ResourceMeta meta;
    PregnancyState state = PregnancyState::Unknown;
    CodeableConcept value;  // the coded answer as recorded
    When effective;
    QString status;         // final | amended | preliminary | entered-in-error ...
    QDate estimatedDelivery; // invalid when not recorded
    Reference patient;

    bool isUsable() const
    {
        return status != QLatin1String("entered-in-error") && status != QLatin1String("cancelled");
    }
};

} // namespace lantern::model
