// Where the overlays go, natively. The sizes are those the map measures in its font
// (test_support.h); expected positions are worked out here from the rules in overlay_layout.h:
// 10 px from the edges, 6 px between boxes, the attribution flush in the corner.
#include "overlay_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using core::Bounds;
using core::OverlayLayout;
using core::OverlayRequest;

// The overview's extent in the West layout (mainland and a column of insets): wider than tall.
constexpr core::Size kHome{1.45e6, 1e6};

OverlayRequest request(double width, double height, std::vector<Bounds> chrome = {}) {
  OverlayRequest r;
  r.width = width;
  r.height = height;
  r.chrome = std::move(chrome);
  r.sizes = test_support::overlaySizes();
  r.home = kHome;
  r.padding = 16;
  return r;
}

std::vector<std::pair<std::string, Bounds>> drawn(const OverlayLayout& l) {
  std::vector<std::pair<std::string, Bounds>> boxes;
  for (const auto& [name, box] : {std::pair{"attribution", &l.attribution}, std::pair{"scale bar", &l.scale_bar},
                                  std::pair{"legend", &l.legend}, std::pair{"legend toggle", &l.legend_toggle},
                                  std::pair{"badge", &l.badge}})
    if (*box) boxes.emplace_back(name, **box);
  return boxes;
}

}  // namespace

namespace core {
void PrintTo(const Bounds& b, std::ostream* os) { *os << "[" << b.min_x << ", " << b.min_y << " → " << b.max_x << ", " << b.max_y << "]"; }
}  // namespace core

namespace {

bool overlap(const Bounds& a, const Bounds& b) {
  return a.min_x < b.max_x && b.min_x < a.max_x && a.min_y < b.max_y && b.min_y < a.max_y;
}

// Inside the viewport, and clear of each other and of the page's controls.
void expectNoOverlap(const OverlayRequest& r, const OverlayLayout& l) {
  const auto boxes = drawn(l);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const Bounds& b = boxes[i].second;
    EXPECT_TRUE(b.min_x >= 0 && b.min_y >= 0 && b.max_x <= r.width && b.max_y <= r.height) << boxes[i].first;
    for (std::size_t j = i + 1; j < boxes.size(); ++j)
      EXPECT_FALSE(overlap(b, boxes[j].second)) << boxes[i].first << " / " << boxes[j].first;
    for (const Bounds& c : r.chrome) EXPECT_FALSE(overlap(b, c)) << boxes[i].first << " / a control";
  }
}

// Where the overview lands inside the padding: the largest scale that fits, centred.
Bounds fittedHome(const OverlayRequest& r, const core::Padding& p) {
  const double w = r.width - p.left - p.right, h = r.height - p.top - p.bottom;
  const double scale = std::min(w / r.home.width, h / r.home.height);
  const double cx = p.left + w / 2, cy = p.top + h / 2;
  return Bounds::of(cx - r.home.width * scale / 2, cy - r.home.height * scale / 2, cx + r.home.width * scale / 2,
                    cy + r.home.height * scale / 2);
}

void expectOverviewClear(const OverlayRequest& r, const OverlayLayout& l) {
  const Bounds home = fittedHome(r, l.padding);
  EXPECT_GE(home.min_x, r.padding - 1e-9);
  EXPECT_GE(home.min_y, r.padding - 1e-9);
  EXPECT_LE(home.max_x, r.width - r.padding + 1e-9);
  EXPECT_LE(home.max_y, r.height - r.padding + 1e-9);
  for (const auto& [name, box] : drawn(l)) EXPECT_FALSE(overlap(home, box.inflated(r.padding - 1e-9))) << name;
  for (const Bounds& c : r.chrome) EXPECT_FALSE(overlap(home, c.inflated(r.padding - 1e-9))) << "a control";
}

TEST(OverlayLayout, ADesktopMapKeepsEverythingInItsCorner) {
  // 940 × 800 beside the panel, the controls in a column at the top right.
  const OverlayRequest r = request(940, 800, {Bounds::of(804, 12, 928, 282)});
  const OverlayLayout l = core::layoutOverlays(r);
  ASSERT_TRUE(l.attribution && l.scale_bar && l.legend && l.badge);
  EXPECT_FALSE(l.legend_toggle);
  EXPECT_FALSE(l.legend_collapsed || l.attribution_short || l.badge_short);
  EXPECT_EQ(*l.attribution, Bounds::of(940 - 282, 800 - 24, 940, 800));
  EXPECT_EQ(*l.badge, Bounds::of(10, 800 - 10 - 26, 10 + 178, 800 - 10));
  // Stacked up from the corner, 6 px apart, 10 px from the right edge.
  EXPECT_EQ(*l.scale_bar, Bounds::of(940 - 10 - 150, 776 - 6 - 34, 930, 776 - 6));
  EXPECT_EQ(*l.legend, Bounds::of(940 - 10 - 152, 736 - 6 - 108, 930, 736 - 6));
  expectNoOverlap(r, l);
  expectOverviewClear(r, l);
}

TEST(OverlayLayout, A400By300FrameStacksShortensAndCollapses) {
  // The panel's handle at the top left, the controls in a row at the top right.
  const OverlayRequest r = request(400, 300, {Bounds::of(8, 8, 96, 44), Bounds::of(184, 8, 392, 44)});
  const OverlayLayout l = core::layoutOverlays(r);
  expectNoOverlap(r, l);
  expectOverviewClear(r, l);
  ASSERT_TRUE(l.attribution && l.badge);
  // Both short texts fit in one row at the bottom; the full ones would need two.
  EXPECT_TRUE(l.attribution_short && l.badge_short);
  EXPECT_EQ(*l.attribution, Bounds::of(400 - 170, 300 - 24, 400, 300));
  EXPECT_EQ(*l.badge, Bounds::of(10, 300 - 36, 68, 290));
  // An open legend would take a third of the map: it waits behind its toggle.
  EXPECT_TRUE(l.legend_collapsed);
  EXPECT_FALSE(l.legend);
  // The scale bar shares the bottom row, from the left; the legend's toggle is stacked above
  // the credits in the corner.
  ASSERT_TRUE(l.scale_bar && l.legend_toggle);
  EXPECT_EQ(*l.scale_bar, Bounds::of(68 + 6, 290 - 34, 68 + 6 + 150, 290));
  EXPECT_EQ(*l.legend_toggle, Bounds::of(400 - 10 - 92, 276 - 6 - 26, 390, 276 - 6));
  // The overview keeps most of the height the controls and the bottom row leave it.
  const Bounds home = fittedHome(r, l.padding);
  EXPECT_GE(home.height(), 0.6 * 300 - 1e-9);
}

TEST(OverlayLayout, TheOpenedLegendGoesAboveItsToggle) {
  OverlayRequest r = request(400, 300, {Bounds::of(8, 8, 96, 44), Bounds::of(184, 8, 392, 44)});
  const Bounds toggle = *core::layoutOverlays(r).legend_toggle;
  r.legend_open = true;
  const OverlayLayout l = core::layoutOverlays(r);
  ASSERT_TRUE(l.legend && l.legend_toggle);
  EXPECT_EQ(*l.legend_toggle, toggle);  // the button does not move under the finger
  EXPECT_EQ(l.legend->max_y, toggle.min_y - 6);
  EXPECT_EQ(l.legend->max_x, toggle.max_x);
  expectNoOverlap(r, l);
  expectOverviewClear(r, l);  // the overview makes room for it
}

TEST(OverlayLayout, OverlaysMoveUpPastAControlInTheirCorner) {
  // Something of the page's at the bottom right, 60 px tall.
  const Bounds control = Bounds::of(700, 740, 940, 800);
  const OverlayRequest r = request(940, 800, {control});
  const OverlayLayout l = core::layoutOverlays(r);
  ASSERT_TRUE(l.attribution);
  EXPECT_EQ(l.attribution->max_y, 740 - 6);
  EXPECT_EQ(l.attribution->max_x, 940);
  expectNoOverlap(r, l);
  expectOverviewClear(r, l);
}

TEST(OverlayLayout, TheScaleBarGivesWayOnASmallMap) {
  const OverlayRequest r = request(320, 240, {Bounds::of(8, 8, 96, 44), Bounds::of(104, 8, 312, 44)});
  const OverlayLayout l = core::layoutOverlays(r);
  // The bottom row is full: a second one, or a band down the right side, would cost the
  // overview more than 15 % of its size.
  EXPECT_FALSE(l.scale_bar);
  EXPECT_TRUE(l.legend_toggle);
  // On a large map it stays.
  EXPECT_TRUE(core::layoutOverlays(request(940, 800)).scale_bar);
}

TEST(OverlayLayout, WhatHasNoRoomIsLeftOut) {
  OverlayRequest r = request(200, 60);
  const OverlayLayout l = core::layoutOverlays(r);
  ASSERT_TRUE(l.attribution);  // the credits are always drawn
  EXPECT_FALSE(l.legend);
  expectNoOverlap(r, l);
  // No demonstration entries, no badge; no scene yet, still a layout.
  r = request(600, 400);
  r.sizes.badge = r.sizes.badge_short = {};
  r.home = {};
  const OverlayLayout bare = core::layoutOverlays(r);
  EXPECT_FALSE(bare.badge);
  EXPECT_TRUE(bare.attribution && (bare.legend || bare.legend_toggle));
  expectNoOverlap(r, bare);
}

TEST(OverlayLayout, EveryFrameSizeKeepsThingsApart) {
  const std::vector<Bounds> chrome = {Bounds::of(8, 8, 96, 44)};
  for (double w : {320.0, 400.0, 480.0, 600.0, 650.0, 800.0, 1024.0})
    for (double h : {240.0, 300.0, 400.0, 600.0, 800.0}) {
      SCOPED_TRACE(std::to_string(w) + " × " + std::to_string(h));
      for (const bool open : {false, true}) {
        OverlayRequest r = request(w, h, chrome);
        r.chrome.push_back(Bounds::of(w - 216, 8, w - 8, 44));
        r.legend_open = open;
        const OverlayLayout l = core::layoutOverlays(r);
        ASSERT_TRUE(l.attribution);
        expectNoOverlap(r, l);
        expectOverviewClear(r, l);
      }
    }
}

TEST(OverlayLayout, OverviewScaleIsTheTighterAxis) {
  EXPECT_DOUBLE_EQ(core::overviewScale({1000, 500}, 600, 400, {50, 0, 50, 0}), 0.5);   // width: 500 / 1000
  EXPECT_DOUBLE_EQ(core::overviewScale({1000, 500}, 2000, 400, {0, 100, 0, 100}), 0.4);  // height: 200 / 500
  EXPECT_DOUBLE_EQ(core::overviewScale({}, 600, 400, {}), 0);
}

}  // namespace
