#pragma once
// Filter-as-you-type over the census: every word typed must appear in the
// patient's name, bed or MRN (case-insensitive); sorting by the model's SortRole.

#include <QSortFilterProxyModel>
#include <QStringList>

namespace lantern::ui {

class CensusFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CensusFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_words.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace lantern::ui
