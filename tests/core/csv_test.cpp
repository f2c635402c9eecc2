#include "csv.h"

#include <gtest/gtest.h>

namespace {

TEST(Csv, QuotedFieldsKeepCommasQuotesAndNewlines) {
  const auto t = core::parseCsv("a,b\n\"x, y\",\"il a dit \"\"oui\"\"\"\n\"deux\nlignes\",z\nfin,1\n");
  ASSERT_FALSE(t.fatal);
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{"x, y", "il a dit \"oui\""}));
  EXPECT_EQ(t.records[2].fields[0], "deux\nlignes");
  EXPECT_EQ(t.records[2].line, 3u);
  EXPECT_EQ(t.records[3].line, 5u);  // the quoted newline counted
}

TEST(Csv, AcceptsCrlfAndSkipsTheBom) {
  const auto t = core::parseCsv("\xEF\xBB\xBFid,nom\r\n1,A\r\n");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields[0], "id");
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{"1", "A"}));
}

TEST(Csv, EmptyTrailingFieldsAreKept) {
  const auto t = core::parseCsv("a,,\n");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields.size(), 3u);
}

TEST(Csv, UnterminatedQuoteIsFatalAtTheLineItOpened) {
  const auto t = core::parseCsv("a\nb\n\"jamais\nfermé\n");
  ASSERT_TRUE(t.fatal);
  EXPECT_EQ(t.fatal->line, 3u);
  EXPECT_EQ(t.records.size(), 2u);
}

TEST(Csv, StrayQuoteDropsOnlyItsRecord) {
  const auto t = core::parseCsv("a,b\nx\"y,1\nok,2\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].line, 2u);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields[0], "ok");
}

TEST(Csv, OversizedFieldIsAnError) {
  core::CsvOptions options;
  options.max_field_bytes = 4;
  const auto t = core::parseCsv("abc,abcdef\nok,1\n", options);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].line, 1u);
  EXPECT_EQ(t.records.size(), 1u);
}

// A lone CR ends a line, inside quotes too: lines were counted wrong in old Mac files.
TEST(Csv, CrOnlyLineEndsAreCountedEverywhere) {
  const auto t =
      core::parseCsv("a,b\r\"un\rdeux\rtrois\",x\rok,1\rx\"y,2\r\"CRLF\r\ndedans\",3\r\"q\"r,5\rfin,4");
  ASSERT_FALSE(t.fatal);
  ASSERT_EQ(t.records.size(), 5u);
  EXPECT_EQ(t.records[1].fields[0], "un\rdeux\rtrois");
  EXPECT_EQ(t.records[1].line, 2u);
  EXPECT_EQ(t.records[2].line, 5u);
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].line, 6u);
  EXPECT_EQ(t.records[3].line, 7u);  // CRLF inside quotes is one line end
  EXPECT_EQ(t.errors[1].line, 9u);   // what follows a closing quote is skipped up to the CR only
  EXPECT_EQ(t.records[4].line, 10u);
  EXPECT_EQ(t.records[4].fields, (std::vector<std::string>{"fin", "4"}));
}

// A 10 MB quoted cell is refused like any oversized one, without being kept whole.
TEST(Csv, ATenMegabyteQuotedFieldIsAnErrorAtItsLine) {
  const std::string cell(10'000'000, 'x');
  const auto t = core::parseCsv("a,b\n1,\"" + cell + "\"\n2,ok\n");
  ASSERT_FALSE(t.fatal);
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].line, 2u);
  EXPECT_EQ(t.errors[0].reason, "champ de 10000000 octets, au plus 100000");
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields[1], "ok");
}

TEST(Csv, NulBytesAreKeptForTheValidatorToReport) {
  const auto t = core::parseCsv(std::string("a,b\n\0,x\0y\n", 10));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{std::string(1, '\0'), std::string("x\0y", 3)}));
}

}  // namespace

namespace {

TEST(CsvWriter, QuotesOnlyWhatMustBe) {
  EXPECT_EQ(core::csvField("Lyon"), "Lyon");
  EXPECT_EQ(core::csvField("Paris, 11e"), "\"Paris, 11e\"");
  EXPECT_EQ(core::csvField("dit « le \"Lab\" »"), "\"dit « le \"\"Lab\"\" »\"");
  EXPECT_EQ(core::csvField("deux\nlignes"), "\"deux\nlignes\"");
  EXPECT_EQ(core::csvRecord({"a", "", "b,c"}), "a,,\"b,c\"");
}

TEST(CsvWriter, WhatItWritesReadsBack) {
  const std::vector<std::string> fields{"x", "un, deux", "guillemet \" ici", "ligne\r\nsuivante", ""};
  const auto table = core::parseCsv(core::csvRecord(fields) + "\n");
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, fields);
  // Found by fuzzing: a value starting with a byte-order mark, first in the file, lost it.
  const std::vector<std::string> bom{"\xEF\xBB\xBFid", "nom"};
  const auto again = core::parseCsv(core::csvRecord(bom) + "\n");
  ASSERT_EQ(again.records.size(), 1u);
  EXPECT_EQ(again.records[0].fields, bom);
}

}  // namespace
