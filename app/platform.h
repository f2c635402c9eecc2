// What differs between the browser and the desktop, behind one small interface.
// platform_web.cpp implements it with Emscripten, platform_native.cpp with plain SDL2;
// nothing else in the project knows which one it runs on.
#pragma once

#include <string>

namespace app {

class App;

namespace platform {

struct GlSettings {
  int major;
  int minor;
  bool es;                   // OpenGL ES (WebGL2) rather than desktop core profile
  const char* glsl_version;  // for the ImGui OpenGL3 backend
};
GlSettings glSettings();

// The window's title; none in the browser, where the page's <title> is the page's own.
const char* windowTitle();

// Where the subset font is at run time.
std::string fontPath();

// Runs the app. On the desktop, loads the data files named on the command line (or the
// defaults) and returns when the window closes. In the browser it returns at once: the
// page feeds the data and the browser drives the frames.
int run(App& app, int argc, char** argv);

// Resumes an idle main loop after something changed that must be drawn.
void wake();

// Called once the first complete frame with data has been presented.
void firstFrameDrawn();

// Hands the page a snapshot of what the map changed on its own (bridge.h).
void push(const std::string& snapshot);

// Clears the drawable (device pixels) before ImGui draws; GL headers differ per platform.
void clearFrame(int width, int height, float r, float g, float b);

}  // namespace platform
}  // namespace app
