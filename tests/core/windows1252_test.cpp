#include <gtest/gtest.h>

#include <string>

#include "text.h"

namespace {

using core::text::fromWindows1252;
using core::text::isWindows1252;

// What a French Excel writes for « Réseau », « l’œuvre », « 10 € » and « Île-de-France ».
TEST(Windows1252, DecodesTheLettersAFrenchSpreadsheetHas) {
  EXPECT_EQ(fromWindows1252("R\xE9seau"), "Réseau");
  EXPECT_EQ(fromWindows1252("l\x92\x9Cuvre"), "l’œuvre");
  EXPECT_EQ(fromWindows1252("10 \x80"), "10 €");
  EXPECT_EQ(fromWindows1252("\xCEle-de-France \xC7\xE0 \xFF"), "Île-de-France Çà ÿ");
  EXPECT_EQ(fromWindows1252("\xAB\xA0oui\xA0\xBB"), "«\u00A0oui\u00A0»");
}

// Every byte of 0x80–0x9F, against the Windows-1252 code page as published by Microsoft
// (bestfit1252.txt) and by WHATWG for the five it leaves undefined.
TEST(Windows1252, TheWholeRangeFromEightyToNinetyF) {
  const char* const expected[32] = {
      "€", "\u0081", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "\u008D", "Ž", "\u008F",
      "\u0090", "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "\u009D", "ž", "Ÿ"};
  for (int b = 0x80; b <= 0x9F; ++b)
    EXPECT_EQ(fromWindows1252(std::string(1, static_cast<char>(b))), expected[b - 0x80]) << std::hex << b;
  // The undefined ones are controls, which the validators refuse.
  EXPECT_TRUE(core::text::hasControl(fromWindows1252("\x81")));
  EXPECT_FALSE(core::text::hasControl(fromWindows1252("\x80\x92\x9C")));
}

TEST(Windows1252, AsciiAndLatin1UnchangedInMeaning) {
  EXPECT_EQ(fromWindows1252("id,nom\r\n"), "id,nom\r\n");
  for (int b = 0xA0; b <= 0xFF; ++b) {
    const std::string out = fromWindows1252(std::string(1, static_cast<char>(b)));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(((static_cast<unsigned char>(out[0]) & 0x1F) << 6) | (static_cast<unsigned char>(out[1]) & 0x3F), b);
  }
}

TEST(Windows1252, OnlyWhenTheTextIsNotUtf8AtAll) {
  EXPECT_FALSE(isWindows1252("Réseau"));           // UTF-8
  EXPECT_FALSE(isWindows1252("plain ascii"));      // both: nothing to convert
  EXPECT_TRUE(isWindows1252("R\xE9seau"));
  EXPECT_TRUE(isWindows1252("l\x92\x9Cuvre \x80"));
  EXPECT_TRUE(isWindows1252("fin\xE9"));           // a lead byte at the very end
  // UTF-8 with one bad byte: mixed, left alone so that the bad cell is named.
  EXPECT_FALSE(isWindows1252("Réseau, R\xE9seau"));
  EXPECT_FALSE(isWindows1252("\xEF\xBB\xBFid,R\xE9seau"));  // a UTF-8 byte-order mark
}

}  // namespace
