#include "map_layer.h"

#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "gl.h"
#include "interface_renderer.h"

namespace app {

namespace {

// Positions are plane metres from the mesh's origin; the camera is one scale and one centre.
constexpr const char* kVertexShader = R"(
uniform vec2 u_center;         // the view's centre, plane metres from the mesh's origin
uniform float u_scale;         // CSS pixels per plane metre
uniform vec2 u_half_viewport;  // CSS pixels
in vec2 a_position;
in vec2 a_offset;
in float a_across;
in vec4 a_colour;
out vec4 v_colour;
out float v_across;
void main() {
  vec2 screen = (a_position - u_center) * u_scale + a_offset;  // CSS pixels from the centre, y up
  gl_Position = vec4(screen / u_half_viewport, 0.0, 1.0);
  v_colour = a_colour;
  v_across = a_across;
}
)";

constexpr const char* kFragmentShader = R"(
in vec4 v_colour;
in float v_across;
out vec4 o_colour;
void main() {
  // A border covers its centre line and fades out a pixel away; a fill has v_across 0.
  o_colour = vec4(v_colour.rgb, v_colour.a * clamp(1.0 - abs(v_across), 0.0, 1.0));
}
)";

enum Attribute : GLuint { kPosition, kOffset, kAcross, kColour };

}  // namespace

struct MapLayer::Gpu {
  bool tried = false;  // made, or failed and said why: not tried again before a restore
  GLuint program = 0;
  GLuint vertex_array = 0;
  GLuint vertices = 0;
  GLuint colours = 0;
  GLuint indices = 0;
  GLint center = -1;
  GLint scale = -1;
  GLint half_viewport = -1;

  bool ready() const { return program != 0; }

  void make() {
    tried = true;
    const gl::Functions& gl = gl::functions();
    program = gl::makeProgram("map layer", kVertexShader, kFragmentShader,
                              {{kPosition, "a_position"}, {kOffset, "a_offset"}, {kAcross, "a_across"}, {kColour, "a_colour"}});
    if (!program) return;
    center = gl.GetUniformLocation(program, "u_center");
    scale = gl.GetUniformLocation(program, "u_scale");
    half_viewport = gl.GetUniformLocation(program, "u_half_viewport");

    gl.GenVertexArrays(1, &vertex_array);
    gl.GenBuffers(1, &vertices);
    gl.GenBuffers(1, &colours);
    gl.GenBuffers(1, &indices);
    gl.BindVertexArray(vertex_array);
    gl.BindBuffer(GL_ARRAY_BUFFER, vertices);
    const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
    gl.EnableVertexAttribArray(kPosition);
    gl.VertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(MapVertex), at(offsetof(MapVertex, x)));
    gl.EnableVertexAttribArray(kOffset);
    gl.VertexAttribPointer(kOffset, 2, GL_FLOAT, GL_FALSE, sizeof(MapVertex), at(offsetof(MapVertex, offset_x)));
    gl.EnableVertexAttribArray(kAcross);
    gl.VertexAttribPointer(kAcross, 1, GL_FLOAT, GL_FALSE, sizeof(MapVertex), at(offsetof(MapVertex, across)));
    gl.BindBuffer(GL_ARRAY_BUFFER, colours);
    gl.EnableVertexAttribArray(kColour);
    gl.VertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(std::uint32_t), at(0));
    gl.BindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices);
    // Unbound, so that no one else's element buffer lands in this vertex array.
    gl.BindVertexArray(0);
  }

  // Names of a lost context are deleted all the same: harmless, and they are forgotten.
  void destroy() {
    const gl::Functions& gl = gl::functions();
    if (program) gl.DeleteProgram(program);
    if (vertex_array) gl.DeleteVertexArrays(1, &vertex_array);
    for (GLuint* buffer : {&vertices, &colours, &indices})
      if (*buffer) gl.DeleteBuffers(1, buffer);
    program = vertex_array = vertices = colours = indices = 0;
    tried = false;
  }
};

MapLayer::MapLayer() : gpu_(std::make_unique<Gpu>()) {}

MapLayer::~MapLayer() { gpu_->destroy(); }

void MapLayer::restoreGraphics() {
  gpu_->destroy();
  uploaded_ = false;
}

void MapLayer::draw(const core::MapState& state, ImDrawList* dl) {
  if (!gpu_->tried) gpu_->make();
  if (!gpu_->ready()) return;
  if (!uploaded_ || shapes_version_ != state.shapesVersion()) upload(state);
  recolourRegions(state);
  camera_ = state.camera();
  visibleRuns(mesh_, camera_, runs_);
  if (runs_.empty()) return;
  dl->AddCallback(&MapLayer::paint, this);
  // The interface renderer sets its own program, buffers and blending again for what follows.
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void MapLayer::upload(const core::MapState& state) {
  MapMesh mesh = buildMapMesh(state.scene(), state.context());
  const gl::Functions& gl = gl::functions();
  gl.BindVertexArray(gpu_->vertex_array);
  gl.BindBuffer(GL_ARRAY_BUFFER, gpu_->vertices);
  gl.BufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(MapVertex)), mesh.vertices.data(),
                GL_STATIC_DRAW);
  gl.BindBuffer(GL_ARRAY_BUFFER, gpu_->colours);
  gl.BufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.colours.size() * sizeof(std::uint32_t)), mesh.colours.data(),
                GL_DYNAMIC_DRAW);
  gl.BindBuffer(GL_ELEMENT_ARRAY_BUFFER, gpu_->indices);
  gl.BufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(std::uint32_t)),
                mesh.indices.data(), GL_STATIC_DRAW);
  gl.BindVertexArray(0);
  gl.BindBuffer(GL_ARRAY_BUFFER, 0);
  // The regions as built: land-coloured.
  region_colours_.assign(mesh.region_fills.size(), regionFillColour(false, 0, 0));
  frames_.clear();
  for (const core::Inset& inset : state.scene().layout.insets()) frames_.push_back(inset.frame);
  // The GPU has the vertices; the pieces are all the frames need.
  mesh_.origin = mesh.origin;
  mesh_.pieces = std::move(mesh.pieces);
  mesh_.region_fills = std::move(mesh.region_fills);
  shapes_version_ = state.shapesVersion();
  uploaded_ = true;
}

void MapLayer::recolourRegions(const core::MapState& state) {
  const auto& counts = state.regionCounts();
  const gl::Functions& gl = gl::functions();
  bool bound = false;
  for (std::size_t r = 0; r < region_colours_.size() && r < counts.size(); ++r) {
    const std::uint32_t colour = regionFillColour(state.regional(), counts[r], state.regionalMax());
    if (colour == region_colours_[r]) continue;
    region_colours_[r] = colour;
    const RegionFill& fill = mesh_.region_fills[r];
    if (fill.vertex_count == 0) continue;
    recoloured_.assign(fill.vertex_count, colour);
    if (!bound) gl.BindBuffer(GL_ARRAY_BUFFER, gpu_->colours);
    bound = true;
    gl.BufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(fill.first_vertex * sizeof(std::uint32_t)),
                     static_cast<GLsizeiptr>(recoloured_.size() * sizeof(std::uint32_t)), recoloured_.data());
  }
  if (bound) gl.BindBuffer(GL_ARRAY_BUFFER, 0);
}

void MapLayer::paint(const ImDrawList*, const ImDrawCmd* command) {
  static_cast<const MapLayer*>(command->UserCallbackData)->paint(*command);
}

void MapLayer::paint(const ImDrawCmd& command) const {
  const gl::Functions& gl = gl::functions();
  gl.UseProgram(gpu_->program);
  gl.BindVertexArray(gpu_->vertex_array);
  const core::Point c = camera_.center();
  gl.Uniform2f(gpu_->center, static_cast<float>(c.x - mesh_.origin.x), static_cast<float>(c.y - mesh_.origin.y));
  gl.Uniform1f(gpu_->scale, static_cast<float>(camera_.scale()));
  gl.Uniform2f(gpu_->half_viewport, static_cast<float>(camera_.viewportWidth() / 2),
               static_cast<float>(camera_.viewportHeight() / 2));
  // As the interface blends its own vertices.
  gl.Enable(GL_BLEND);
  gl.BlendEquation(GL_FUNC_ADD);
  gl.BlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  gl.Enable(GL_SCISSOR_TEST);

  const ImDrawData& data = *ImGui::GetDrawData();
  std::optional<ScissorBox> scissor;
  for (const MapRun& run : runs_) {
    ImVec4 clip = command.ClipRect;
    if (run.clip_to_inset) {
      // As ImDrawList::PushClipRect(frame, intersect_with_current_clip_rect = true).
      const core::Bounds& frame = frames_[*run.clip_to_inset];
      const core::Point a = camera_.planeToScreen({frame.min_x, frame.max_y});
      const core::Point b = camera_.planeToScreen({frame.max_x, frame.min_y});
      clip.x = std::max(clip.x, static_cast<float>(a.x));
      clip.y = std::max(clip.y, static_cast<float>(a.y));
      clip.z = std::max(clip.x, std::min(clip.z, static_cast<float>(b.x)));
      clip.w = std::max(clip.y, std::min(clip.w, static_cast<float>(b.y)));
    }
    const std::optional<ScissorBox> box = scissorOf(clip, data);
    if (!box) continue;
    if (box != scissor) {
      scissor = box;
      gl.Scissor(box->x, box->y, box->width, box->height);
    }
    gl.DrawElements(GL_TRIANGLES, static_cast<GLsizei>(run.index_count), GL_UNSIGNED_INT,
                    reinterpret_cast<const void*>(std::uintptr_t{run.first_index} * sizeof(std::uint32_t)));
  }
}

}  // namespace app
