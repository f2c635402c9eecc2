// Draws ImGui's output (its draw data, and the font atlas it needs) with WebGL 2 or OpenGL 3.2.
// ImGui's own OpenGL 3 backend saves and restores the GL state around every frame, so that it
// can share a context with another renderer. Here the app owns its context, and reading the
// blend and scissor state back from WebGL waits for the GPU process each time: about 1.5 ms
// a frame, more than the rest of the frame's script. This renderer sets what it needs and
// reads nothing back.
#pragma once

#include <optional>

struct ImDrawData;
struct ImVec4;

namespace app {

// A clip rectangle (CSS pixels: left, top, right, bottom) as glScissor takes it: framebuffer
// pixels from the bottom-left. None when it is empty.
struct ScissorBox {
  int x, y, width, height;
  friend bool operator==(const ScissorBox&, const ScissorBox&) = default;
};
std::optional<ScissorBox> scissorOf(const ImVec4& clip, const ImDrawData& data);

class InterfaceRenderer {
 public:
  InterfaceRenderer() = default;
  ~InterfaceRenderer();
  InterfaceRenderer(const InterfaceRenderer&) = delete;
  InterfaceRenderer& operator=(const InterfaceRenderer&) = delete;

  // The program and buffers, in the current context; false, with the reason on stderr,
  // when they cannot be made.
  bool create();
  // Uploads ImGui's font atlas, once built or built again, and hands ImGui its texture.
  void uploadFont();
  // Draws a frame's output, running the draw lists' callbacks in their place.
  void render(const ImDrawData& data);
  // The context was lost and given back: the program, buffers and font are made again.
  void restore();
  // Deletes what it made, while the context and ImGui still exist; nothing after that.
  void release();

 private:
  // The state the draw lists expect: at the start, and again when a callback asks for it.
  void setUp(const ImDrawData& data, int framebuffer_width, int framebuffer_height) const;

  unsigned program_ = 0;
  unsigned vertex_array_ = 0;
  unsigned vertices_ = 0;
  unsigned indices_ = 0;
  unsigned font_ = 0;
  int projection_ = -1;
  int texture_ = -1;
};

}  // namespace app
