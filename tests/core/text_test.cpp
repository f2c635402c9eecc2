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
