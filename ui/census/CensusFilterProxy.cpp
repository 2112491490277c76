#include "ui/census/CensusFilterProxy.h"

#include "ui/census/CensusModel.h"

namespace lantern::ui {

CensusFilterProxy::CensusFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(CensusModel::SortRole);
    setDynamicSortFilter(true);
}

void CensusFilterProxy::setSearchText(const QString& text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
#endif
    m_words = words;
    invalidateFilter();
}

bool CensusFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString haystack =
        sourceModel()->index(sourceRow, 0, sourceParent).data(CensusModel::FilterRole).toString();
    for (const QString& w : m_words) {
        if (!haystack.contains(w, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace lantern::ui
