#include "interface_renderer.h"

#include <imgui.h>

#include <cstddef>
#include <cstdint>

#include "gl.h"

namespace app {

namespace {

// ImGui's vertices are CSS pixels from the display's top-left; u_projection maps them to clip
// space (scale in xy, offset in zw).
constexpr const char* kVertexShader = R"(
uniform vec4 u_projection;
in vec2 a_position;
in vec2 a_uv;
in vec4 a_colour;
out vec2 v_uv;
out vec4 v_colour;
void main() {
  v_uv = a_uv;
  v_colour = a_colour;
  gl_Position = vec4(a_position * u_projection.xy + u_projection.zw, 0.0, 1.0);
}
)";

constexpr const char* kFragmentShader = R"(
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_colour;
out vec4 o_colour;
void main() {
  o_colour = v_colour * texture(u_texture, v_uv);
}
)";

enum Attribute : GLuint { kPosition, kUv, kColour };

static_assert(sizeof(ImDrawIdx) == 4, "the draw lists' indices are drawn as GL_UNSIGNED_INT");

}  // namespace

std::optional<ScissorBox> scissorOf(const ImVec4& clip, const ImDrawData& data) {
  const ImVec2 offset = data.DisplayPos;
  const ImVec2 pixels = data.FramebufferScale;
  const ImVec2 low((clip.x - offset.x) * pixels.x, (clip.y - offset.y) * pixels.y);
  const ImVec2 high((clip.z - offset.x) * pixels.x, (clip.w - offset.y) * pixels.y);
  if (high.x <= low.x || high.y <= low.y) return std::nullopt;
  const float framebuffer_height = static_cast<float>(static_cast<int>(data.DisplaySize.y * pixels.y));
  return ScissorBox{static_cast<int>(low.x), static_cast<int>(framebuffer_height - high.y), static_cast<int>(high.x - low.x),
                    static_cast<int>(high.y - low.y)};
}

InterfaceRenderer::~InterfaceRenderer() { release(); }

bool InterfaceRenderer::create() {
  const gl::Functions& gl = gl::functions();
  program_ = gl::makeProgram("interface", kVertexShader, kFragmentShader,
                             {{kPosition, "a_position"}, {kUv, "a_uv"}, {kColour, "a_colour"}});
  if (!program_) return false;
  projection_ = gl.GetUniformLocation(program_, "u_projection");
  texture_ = gl.GetUniformLocation(program_, "u_texture");
  gl.GenVertexArrays(1, &vertex_array_);
  gl.GenBuffers(1, &vertices_);
  gl.GenBuffers(1, &indices_);
  gl.BindVertexArray(vertex_array_);
  gl.BindBuffer(GL_ARRAY_BUFFER, vertices_);
  const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
  gl.EnableVertexAttribArray(kPosition);
  gl.VertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
  gl.EnableVertexAttribArray(kUv);
  gl.VertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
  gl.EnableVertexAttribArray(kColour);
  gl.VertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
  gl.BindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices_);
  gl.BindVertexArray(0);
  ImGui::GetIO().BackendRendererName = "catalyseurs";
  return true;
}

void InterfaceRenderer::uploadFont() {
  const gl::Functions& gl = gl::functions();
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (font_) gl.DeleteTextures(1, &font_);
  gl.GenTextures(1, &font_);
  gl.ActiveTexture(GL_TEXTURE0);
  gl.BindTexture(GL_TEXTURE_2D, font_);
  // Bilinear: ImGui's anti-aliased lines are drawn from a band of the atlas.
  gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_)));
}

void InterfaceRenderer::setUp(const ImDrawData& data, int framebuffer_width, int framebuffer_height) const {
  const gl::Functions& gl = gl::functions();
  gl.Enable(GL_BLEND);
  gl.BlendEquation(GL_FUNC_ADD);
  gl.BlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  gl.Disable(GL_CULL_FACE);
  gl.Disable(GL_DEPTH_TEST);
  gl.Disable(GL_STENCIL_TEST);
  gl.Enable(GL_SCISSOR_TEST);
  gl.Viewport(0, 0, framebuffer_width, framebuffer_height);
  gl.UseProgram(program_);
  // ImGui's orthographic projection of the display rectangle, y down.
  const float left = data.DisplayPos.x, top = data.DisplayPos.y;
  const float right = left + data.DisplaySize.x, bottom = top + data.DisplaySize.y;
  gl.Uniform4f(projection_, 2 / (right - left), 2 / (top - bottom), (right + left) / (left - right),
               (top + bottom) / (bottom - top));
  gl.Uniform1i(texture_, 0);
  gl.ActiveTexture(GL_TEXTURE0);
  gl.BindVertexArray(vertex_array_);
  gl.BindBuffer(GL_ARRAY_BUFFER, vertices_);
}

void InterfaceRenderer::render(const ImDrawData& data) {
  const int framebuffer_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
  const int framebuffer_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
  if (!program_ || framebuffer_width <= 0 || framebuffer_height <= 0) return;
  const gl::Functions& gl = gl::functions();
  setUp(data, framebuffer_width, framebuffer_height);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    gl.BufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                  list.VtxBuffer.Data, GL_STREAM_DRAW);
    gl.BufferData(GL_ELEMENT_ARRAY_BUFFER,
                  static_cast<GLsizeiptr>(list.IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)), list.IdxBuffer.Data,
                  GL_STREAM_DRAW);
    GLuint bound_texture = 0;
    for (const ImDrawCmd& command : list.CmdBuffer) {
      if (command.UserCallback == ImDrawCallback_ResetRenderState) {
        setUp(data, framebuffer_width, framebuffer_height);
        bound_texture = 0;
        continue;
      }
      if (command.UserCallback) {
        command.UserCallback(&list, &command);
        continue;
      }
      const std::optional<ScissorBox> box = scissorOf(command.ClipRect, data);
      if (!box) continue;
      gl.Scissor(box->x, box->y, box->width, box->height);
      const auto texture = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(command.GetTexID()));
      if (texture != bound_texture) {
        gl.BindTexture(GL_TEXTURE_2D, texture);
        bound_texture = texture;
      }
      // Indices are 32-bit, so ImGui never offsets the vertices of a command (VtxOffset is 0).
      gl.DrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), GL_UNSIGNED_INT,
                      reinterpret_cast<const void*>(static_cast<std::uintptr_t>(command.IdxOffset) * sizeof(ImDrawIdx)));
    }
  }
}

void InterfaceRenderer::release() {
  const gl::Functions& gl = gl::functions();
  if (font_) {
    gl.DeleteTextures(1, &font_);
    ImGui::GetIO().Fonts->SetTexID(nullptr);
  }
  if (program_) gl.DeleteProgram(program_);
  if (vertex_array_) gl.DeleteVertexArrays(1, &vertex_array_);
  for (GLuint* buffer : {&vertices_, &indices_})
    if (*buffer) gl.DeleteBuffers(1, buffer);
  program_ = vertex_array_ = vertices_ = indices_ = font_ = 0;
}

void InterfaceRenderer::restore() {
  // The old names are those of the lost context: deleting them is harmless, and forgets them.
  release();
  if (create()) uploadFont();
}

}  // namespace app
