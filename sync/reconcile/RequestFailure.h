#pragma once
// A FHIR request that failed, as the reconciler sees it: either the server
// rejected this entry (a conflict for a person), or the run has to stop
// (network, server trouble, credentials) and resume later.

#include "sync/fhir/FhirResult.h"
#include "sync/reconcile/ReconcileTypes.h"

#include <variant>

namespace lantern::sync {

// The outcome of one reconciliation step: a value, a conflict for this entry,
// or an error that stops the run.
template <typename T>
struct StepResult
{
    std::variant<T, ConflictFinding, Error> data;
    FailureKind stopKind = FailureKind::Transient; // when data holds an Error

    bool ok() const { return data.index() == 0; }
    bool conflict() const { return data.index() == 1; }
    bool stop() const { return data.index() == 2; }
    const T& value() const { return std::get<0>(data); }
    const ConflictFinding& finding() const { return std::get<1>(data); }
    const Error& error() const { return std::get<2>(data); }
};

// Conflict (ServerRejected with the server's text) or stop, from a failed FHIR result.
template <typename T, typename U>
StepResult<T> fromFailure(const FhirResult<U>& failed)
{
    const FailureKind kind = classifyFailure(failed.httpStatus(), failed.error());
    if (kind == FailureKind::Rejected)
        return {ConflictFinding{record::ConflictReason::ServerRejected,
                                QStringLiteral("HTTP %1: %2").arg(failed.httpStatus()).arg(failed.error().message)},
                kind};
    return {failed.error(), kind};
}

} // namespace lantern::sync
