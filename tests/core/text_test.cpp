#include "text.h"

#include <gtest/gtest.h>

namespace {

using core::text::fold;

TEST(Fold, IgnoresAccentsCaseAndPunctuation) {
  EXPECT_EQ(fold("Réunion"), "reunion");
  EXPECT_EQ(fold("RÉUNION"), "reunion");
  EXPECT_EQ(fold("reunion"), "reunion");
  EXPECT_EQ(fold("Saint-Étienne"), fold("saint etienne"));
  EXPECT_EQ(fold("Cœur"), "coeur");
  EXPECT_EQ(fold("ŒUVRE"), "oeuvre");
  EXPECT_EQ(fold("L’Haÿ-les-Roses"), "l hay les roses");
  EXPECT_EQ(fold("  Aix\u00a0 en  Provence "), "aix en provence");
  EXPECT_EQ(fold("Çà"), "ca");
}

TEST(Fold, DropsInvalidBytes) { EXPECT_EQ(fold("R\xe9union"), "runion"); }

// × and ÷ sit among the Latin-1 letters but are not letters: they stay as they are, with
// one space on each side and none at the ends, and folding again changes nothing.
TEST(Fold, KeepsMultiplicationAndDivisionSignsWithoutStraySpaces) {
  EXPECT_EQ(fold("a-×-b"), "a × b");
  EXPECT_EQ(fold("a-÷-b"), "a ÷ b");
  EXPECT_EQ(fold("- × -"), "×");
  EXPECT_EQ(fold("3×4"), "3×4");
  for (const char* s : {"a-×-b", "- ÷ -", "L’Haÿ-×-les-Roses ", "\u00a0×\u00a0"})
    EXPECT_EQ(fold(fold(s)), fold(s)) << s;
}

TEST(FrenchDe, ElidesBeforeAVowelAndContractsTheArticle) {
  const std::pair<const char*, const char*> cases[] = {
      {"Quimper", "de Quimper"},       {"Orléans", "d\u2019Orléans"},    {"Évry", "d\u2019Évry"},
      {"Yvetot", "d\u2019Yvetot"},       {"Le Havre", "du Havre"},         {"Les Abymes", "des Abymes"},
      {"La Rochelle", "de La Rochelle"}, {"Haguenau", "de Haguenau"},     {"L\u2019Isle-Adam", "de L\u2019Isle-Adam"},
      {"Lens", "de Lens"},             {"Lescar", "de Lescar"},          {"Île-de-France", "d\u2019Île-de-France"},
  };
  for (const auto& [name, expected] : cases) EXPECT_EQ(core::text::frenchDe(name), expected) << name;
}

TEST(Printable, ShowsControlsInvisiblesAndBadBytes) {
  using core::text::printable;
  EXPECT_EQ(printable("Réunion"), "Réunion");
  EXPECT_EQ(printable("a\x1b[31mb"), "a\\u{001B}[31mb");
  EXPECT_EQ(printable(std::string("id\0x", 4)), "id\\u{0000}x");
  EXPECT_EQ(printable("\xEF\xBB\xBFid"), "\\u{FEFF}id");
  EXPECT_EQ(printable("\xC2\x85"), "\\u{0085}");          // C1 control NEL
  EXPECT_EQ(printable("a\u202Eb"), "a\\u{202E}b");         // right-to-left override
  EXPECT_EQ(printable("R\xe9union"), "R\\xE9union");
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xED\\xA0\\x80");  // a surrogate is not UTF-8
  EXPECT_EQ(printable(std::string(50, 'x'), 40), std::string(40, 'x') + "…");
  EXPECT_EQ(printable("éééé", 2), "éé…");
  EXPECT_EQ(core::text::quoted("x"), "« x »");
}

TEST(CutUtf8, NeverEndsInsideACodePoint) {
  using core::text::cutUtf8;
  EXPECT_EQ(cutUtf8("abc", 10), "abc");
  EXPECT_EQ(cutUtf8("aé", 2), "a");
  EXPECT_EQ(cutUtf8("aé", 3), "aé");
  EXPECT_EQ(cutUtf8("€", 2), "");
  EXPECT_EQ(cutUtf8("a😀", 4), "a");
}

TEST(HasControl, C0DelAndC1ButNotLettersOrAllowedBreaks) {
  using core::text::hasControl;
  EXPECT_FALSE(hasControl("Côte d’Azur"));
  EXPECT_TRUE(hasControl(std::string("a\0b", 3)));
  EXPECT_TRUE(hasControl("a\x1b"));
  EXPECT_TRUE(hasControl("a\x7f"));
  EXPECT_TRUE(hasControl("\xC2\x9F"));
  EXPECT_FALSE(hasControl("\xC2\xA0"));  // no-break space
  EXPECT_TRUE(hasControl("a\nb"));
  EXPECT_FALSE(hasControl("a\nb\r\tc", true));
}

TEST(GroupThousands, NarrowNoBreakSpaceEveryThreeDigits) {
  EXPECT_EQ(core::text::groupThousands(0), "0");
  EXPECT_EQ(core::text::groupThousands(999), "999");
  EXPECT_EQ(core::text::groupThousands(1000), "1\u202F000");
  EXPECT_EQ(core::text::groupThousands(1234567), "1\u202F234\u202F567");
}

TEST(Distance, RoundedAsAListShowsIt) {
  EXPECT_EQ(core::text::distance(40), "100\u00A0m");
  EXPECT_EQ(core::text::distance(849), "800\u00A0m");
  EXPECT_EQ(core::text::distance(6349), "6,3\u00A0km");
  EXPECT_EQ(core::text::distance(9960), "10\u00A0km");
  EXPECT_EQ(core::text::distance(63400), "63\u00A0km");
  EXPECT_EQ(core::text::distance(1249600), "1\u202F250\u00A0km");
  EXPECT_EQ(core::text::distance(-1), "");
}

TEST(Trim, RemovesSpacesAndNoBreakSpaces) {
  EXPECT_EQ(core::text::trim("  a b \t"), "a b");
  EXPECT_EQ(core::text::trim("\u00a0x\u00a0"), "x");
  EXPECT_EQ(core::text::trim(""), "");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  using core::text::editDistance;
  EXPECT_EQ(editDistance("metiers", "metiers"), 0u);
  EXPECT_EQ(editDistance("metier", "metiers"), 1u);
  EXPECT_EQ(editDistance("thematique", "thematiques"), 1u);
  EXPECT_EQ(editDistance("code insee", "code_insee"), 1u);
  EXPECT_EQ(editDistance("comune", "commune"), 1u);
  EXPECT_EQ(editDistance("stucture", "structure"), 1u);
  EXPECT_EQ(editDistance("nmo", "nom"), 2u);
  EXPECT_EQ(editDistance("", "id"), 2u);
  EXPECT_EQ(editDistance("courriel", "commune"), 5u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(Url, OnlyHttpAndHttpsWithAHost) {
  EXPECT_TRUE(core::text::isHttpUrl("https://example.org"));
  EXPECT_TRUE(core::text::isHttpUrl("http://www.example.org/a?b=c#d"));
  EXPECT_FALSE(core::text::isHttpUrl("javascript:alert(1)"));
  EXPECT_FALSE(core::text::isHttpUrl("JavaScript://example.org"));
  EXPECT_FALSE(core::text::isHttpUrl("https://user@example.org"));
  EXPECT_FALSE(core::text::isHttpUrl("https://localhost"));
  EXPECT_FALSE(core::text::isHttpUrl("https://example.org/<script>"));
  EXPECT_FALSE(core::text::isHttpUrl("ftp://example.org"));
}

}  // namespace
