// The SDL window with its OpenGL (WebGL2) context, Dear ImGui's context with its SDL backend
// and the renderer of its output, and the font atlas, rebuilt at the device pixel ratio so
// that text stays sharp at every zoom.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "interface_renderer.h"

union SDL_Event;
struct SDL_Window;

namespace app {

class Window {
 public:
  Window() = default;
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // False on failure, with error() saying why.
  bool open();
  const std::string& error() const { return error_; }

  // Hands an event to ImGui.
  void process(const SDL_Event& event);
  // The window's size in CSS pixels.
  float width() const;
  float height() const;
  void setSize(int css_width, int css_height);

  // Text widths in CSS pixels at the interface's font size, usable between frames.
  static double textWidth(std::string_view text);
  static double fontSize();

  // Makes again what lives on the GPU (the interface's shaders, buffers and font texture),
  // after the context that held it was lost and restored.
  void recreateDeviceObjects();

  void beginFrame();
  // Clears to `background` (0xRRGGBB), draws ImGui's output and presents it.
  void endFrame(std::uint32_t background);
  // False while ImGui needs one more frame to show what this one asked for: input events it
  // holds for the next frame (a click's release comes one frame after its press), or a
  // window it kept hidden while measuring it (a tooltip's first frame).
  static bool settled();

 private:
  void rebuildFontIfScaleChanged();

  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  bool imgui_ready_ = false;
  InterfaceRenderer renderer_;
  float font_scale_ = 0;  // device pixel ratio the font atlas was built for
  std::string error_;
};

}  // namespace app
