#include "camera.h"

#include <gtest/gtest.h>

namespace {

core::Camera camera800x600() {
  core::Camera c;
  c.setViewport(800, 600);
  c.setView({1000, 2000}, 0.01);
  return c;
}

TEST(Camera, MapsPlaneToScreenWithYDown) {
  const auto c = camera800x600();
  const auto center = c.planeToScreen({1000, 2000});
  EXPECT_DOUBLE_EQ(center.x, 400);
  EXPECT_DOUBLE_EQ(center.y, 300);
  const auto east = c.planeToScreen({1100, 2000});  // 100 m east at 0.01 px/m
  EXPECT_DOUBLE_EQ(east.x, 401);
  const auto north = c.planeToScreen({1000, 2100});
  EXPECT_DOUBLE_EQ(north.y, 299);
}

TEST(Camera, ScreenToPlaneIsTheInverse) {
  const auto c = camera800x600();
  for (core::Point s : {core::Point{0, 0}, core::Point{800, 600}, core::Point{123.5, 456.25}}) {
    const auto back = c.planeToScreen(c.screenToPlane(s));
    EXPECT_NEAR(back.x, s.x, 1e-9);
    EXPECT_NEAR(back.y, s.y, 1e-9);
  }
}

TEST(Camera, PanMovesContentWithThePointer) {
  auto c = camera800x600();
  const core::Point plane{1500, 2500};
  const auto before = c.planeToScreen(plane);
  c.panBy(30, -20);
  const auto after = c.planeToScreen(plane);
  EXPECT_NEAR(after.x - before.x, 30, 1e-9);
  EXPECT_NEAR(after.y - before.y, -20, 1e-9);
}

TEST(Camera, ZoomKeepsThePointUnderTheCursor) {
  auto c = camera800x600();
  const core::Point cursor{100, 500};
  const auto anchor = c.screenToPlane(cursor);
  c.zoomAround(cursor, 2.0);
  EXPECT_DOUBLE_EQ(c.scale(), 0.02);
  const auto still = c.planeToScreen(anchor);
  EXPECT_NEAR(still.x, cursor.x, 1e-9);
  EXPECT_NEAR(still.y, cursor.y, 1e-9);
}

TEST(Camera, ZoomIsClampedToLimits) {
  auto c = camera800x600();
  c.setScaleLimits(0.005, 0.04);
  c.zoomAround({400, 300}, 100);
  EXPECT_DOUBLE_EQ(c.scale(), 0.04);
  c.zoomAround({400, 300}, 1e-6);
  EXPECT_DOUBLE_EQ(c.scale(), 0.005);
  c.zoomAround({400, 300}, -1);  // ignored
  EXPECT_DOUBLE_EQ(c.scale(), 0.005);
}

TEST(Camera, FitUsesTheTighterAxis) {
  core::Camera c;
  c.setViewport(800, 600);
  // 1000 x 500 m: width-limited, 800 px / 1000 m.
  c.fit(core::Bounds::of(0, 0, 1000, 500), 0);
  EXPECT_DOUBLE_EQ(c.scale(), 0.8);
  EXPECT_DOUBLE_EQ(c.center().x, 500);
  EXPECT_DOUBLE_EQ(c.center().y, 250);
  // With 100 px padding: 600 px wide, 400 px high for 1000 x 1000 m → 0.4.
  c.fit(core::Bounds::of(0, 0, 1000, 1000), 100);
  EXPECT_DOUBLE_EQ(c.scale(), 0.4);
  const auto visible = c.visibleBounds();
  EXPECT_DOUBLE_EQ(visible.min_y, -250);
  EXPECT_DOUBLE_EQ(visible.max_y, 1250);
}

TEST(Camera, FitWithUnequalPaddingCentresInTheFreeArea) {
  core::Camera c;
  c.setViewport(800, 600);
  // 200 px reserved on the right: 600 × 600 px free for 1000 × 1000 m → 0.6 px/m, and the
  // bounds' centre sits at x = 300 px, the middle of the free area.
  c.fit(core::Bounds::of(0, 0, 1000, 1000), 0, 0, 200, 0);
  EXPECT_DOUBLE_EQ(c.scale(), 0.6);
  const auto center = c.planeToScreen({500, 500});
  EXPECT_NEAR(center.x, 300, 1e-9);
  EXPECT_NEAR(center.y, 300, 1e-9);
  const auto corner = c.planeToScreen({1000, 0});
  EXPECT_NEAR(corner.x, 600, 1e-9);
  EXPECT_NEAR(corner.y, 600, 1e-9);
}

}  // namespace
