#include "core/fhir/DocumentMapping.h"

#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

void readSections(Reader& r, const QJsonObject& parent, const QString& path, QList<model::EmptySection>& out, int depth)
{
    const QList<QJsonObject> sections = r.objects(parent, "section"_L1, path);
    for (qsizetype i = 0; i < sections.size(); ++i) {
        const QString at = Reader::at(path, "section"_L1, i);
        const model::CodeableConcept code = r.codeable(sections.at(i), "code"_L1, at);
        const model::CodeableConcept reason = r.codeable(sections.at(i), "emptyReason"_L1, at);
        if (!reason.isEmpty()) {
            model::EmptySection s;
            s.code = code.codeIn(QString::fromUtf16(codes::kLoinc));
            s.title = r.string(sections.at(i), "title"_L1, at);
            s.reasonCode = reason.codings.isEmpty() ? QString() : reason.codings.first().code;
            s.reasonText = reason.displayText();
            out << s;
        }
        if (depth < 4) // sections nest; real documents go one or two levels deep
            readSections(r, sections.at(i), at, out, depth + 1);
    }
}

} // namespace

Result<QList<model::EmptySection>> mapCompositionEmptySections(const QJsonObject& resource)
{
    Reader r(resource, "Composition"_L1);
    QList<model::EmptySection> out;
    readSections(r, resource, QString(), out, 0);
    if (!r.ok())
        return r.error();
    return out;
}

} // namespace lantern::fhir
