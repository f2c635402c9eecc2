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
}

}  // namespace
