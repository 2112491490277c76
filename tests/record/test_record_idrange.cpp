// Downtime identifiers: a range configured per device before an outage hands out numbers in order, never twice, never beyond its end,
// and two devices with disjoint ranges never collide.

#include "RecordFixture.h"
#include "core/vault/OutboxRepository.h"

#include <QSet>
#include <QTest>

using namespace lantern;
using namespace lantern::test;

class TestRecordIdRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idRangeAllocatesSequentially();
    void idRangeExhausted();
    void idRangeNeverMovesBack();
    void idRangesOfTwoDevicesNeverCollide();
};

void TestRecordIdRange::idRangeAllocatesSequentially()
{
    RecordFixture f;
    QVERIFY(f.create());
    vault::DowntimeIdRangeRepository ids(f.vault->db());
    auto none = ids.allocate();
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    QVERIFY(ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 1000, 1999, 0}).ok());
    QCOMPARE(*ids.allocate(), QStringLiteral("DT-1000"));
    QCOMPARE(*ids.allocate(), QStringLiteral("DT-1001"));
    QVERIFY(f.reopen());
    vault::DowntimeIdRangeRepository again(f.vault->db());
    QCOMPARE(*again.allocate(), QStringLiteral("DT-1002"));
    QCOMPARE((*again.range())->next, 1003);

    vault::DowntimeIdRangeRepository padded(f.vault->db());
    QVERIFY(padded.configure({QStringLiteral("urn:oid:1.2.4"), QStringLiteral("N"), 7, 100, 0}).ok());
    QCOMPARE(*padded.allocate(), QStringLiteral("N007"));
    QVERIFY(!padded.configure({QString(), QStringLiteral("N"), 1, 10, 0}).ok());
    QVERIFY(!padded.configure({QStringLiteral("urn:oid:1.2.4"), QStringLiteral("N"), 10, 1, 0}).ok());
}

void TestRecordIdRange::idRangeExhausted()
{
    RecordFixture f;
    QVERIFY(f.create());
    vault::DowntimeIdRangeRepository ids(f.vault->db());
    QVERIFY(ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 1, 2, 0}).ok());
    QVERIFY(ids.allocate().ok());
    QVERIFY(ids.allocate().ok());
    auto third = ids.allocate();
    QVERIFY(!third.ok());
    QCOMPARE(third.error().code, ErrorCode::Conflict);
    QCOMPARE((*ids.range())->next, 3);
    // A new block from IT continues.
    QVERIFY(ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 50, 59, 0}).ok());
    QCOMPARE(*ids.allocate(), QStringLiteral("DT-50"));
}

void TestRecordIdRange::idRangeNeverMovesBack()
{
    RecordFixture f;
    QVERIFY(f.create());
    vault::DowntimeIdRangeRepository ids(f.vault->db());
    QVERIFY(ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 100, 199, 0}).ok());
    for (int i = 0; i < 5; ++i)
        QVERIFY(ids.allocate().ok());
    const Status back = ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 100, 199, 101});
    QVERIFY(!back.ok());
    QCOMPARE(back.error().code, ErrorCode::Conflict);
    // Reconfiguring the same block (e.g. a wider end) keeps what was handed out.
    QVERIFY(ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 100, 299, 0}).ok());
    QCOMPARE(*ids.allocate(), QStringLiteral("DT-105"));
    // A lower block in the same namespace would hand out numbers again.
    QVERIFY(!ids.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 1, 99, 0}).ok());
}

void TestRecordIdRange::idRangesOfTwoDevicesNeverCollide()
{
    RecordFixture a;
    RecordFixture b;
    QVERIFY(a.create());
    QVERIFY(b.create());
    vault::DowntimeIdRangeRepository idsA(a.vault->db());
    vault::DowntimeIdRangeRepository idsB(b.vault->db());
    QVERIFY(idsA.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 1000, 1049, 0}).ok());
    QVERIFY(idsB.configure({QStringLiteral("urn:oid:1.2.3"), QStringLiteral("DT-"), 1050, 1099, 0}).ok());
    QSet<QString> seen;
    for (int i = 0; i < 50; ++i) {
        for (vault::DowntimeIdRangeRepository* ids : {&idsA, &idsB}) {
            auto v = ids->allocate();
            QVERIFY2(v.ok(), why(v));
            QVERIFY2(!seen.contains(*v), qPrintable(*v));
            seen.insert(*v);
        }
    }
    QCOMPARE(seen.size(), 100);
    QVERIFY(!idsA.allocate().ok());
    QVERIFY(!idsB.allocate().ok());
}

QTEST_GUILESS_MAIN(TestRecordIdRange)
#include "test_record_idrange.moc"
