#include "window.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>  // the input queue and hidden windows, for settled()
#include <imgui_impl_sdl2.h>

#include <cfloat>
#include <cmath>

#include "gl.h"
#include "platform.h"

namespace app {

namespace {

constexpr float kFontSize = 15.0f;  // CSS pixels

// Glyphs of the subset font (assets/font-unicodes.txt); ImGui rasterises only these.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2013, 0x2014,
    0x2018, 0x2019, 0x201C, 0x201E, 0x2022, 0x2022, 0x2026, 0x2026, 0x202F, 0x202F,
    0x20AC, 0x20AC, 0x2190, 0x2193, 0x2197, 0x2197, 0x2212, 0x2212, 0,
};

}  // namespace

Window::~Window() {
  if (imgui_ready_) {
    renderer_.release();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_context_) SDL_GL_DeleteContext(gl_context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool Window::open() {
  // The canvas owns keyboard focus in the page: keys typed elsewhere are not ours.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    error_ = std::string("SDL: ") + SDL_GetError();
    return false;
  }
  const platform::GlSettings gl = platform::glSettings();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, gl.es ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.major);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gl.minor);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  window_ = SDL_CreateWindow(platform::windowTitle(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             1280, 800, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window_) {
    error_ = std::string("SDL window: ") + SDL_GetError();
    return false;
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) {
    error_ = std::string("OpenGL: ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  SDL_GL_SetSwapInterval(1);
  if (!gl::load()) {
    error_ = "OpenGL: a function the map needs is missing";
    return false;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing persists between visits
  io.LogFilename = nullptr;
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6;
  style.WindowBorderSize = 0;
  style.PopupRounding = 6;
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
  imgui_ready_ = true;
  if (!renderer_.create()) {
    error_ = "OpenGL: the interface's shaders could not be made";
    return false;
  }
  rebuildFontIfScaleChanged();
  return true;
}

void Window::process(const SDL_Event& event) { ImGui_ImplSDL2_ProcessEvent(&event); }

float Window::width() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return static_cast<float>(w);
}

float Window::height() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return static_cast<float>(h);
}

void Window::setSize(int css_width, int css_height) {
  if (window_ && css_width > 0 && css_height > 0) SDL_SetWindowSize(window_, css_width, css_height);
}

void Window::rebuildFontIfScaleChanged() {
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window_, &w, &h);
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  const float scale = w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
  if (scale <= 0 || std::fabs(scale - font_scale_) < 0.01f) return;
  font_scale_ = scale;
  // Rasterise at device resolution and draw at 1/scale, so text is sharp at every
  // devicePixelRatio and browser zoom.
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  if (!io.Fonts->AddFontFromFileTTF(platform::fontPath().c_str(), kFontSize * scale, &config, kGlyphRanges))
    io.Fonts->AddFontDefault();
  io.FontGlobalScale = 1.0f / scale;
  renderer_.uploadFont();
}

double Window::textWidth(std::string_view text) {
  // The atlas' font rather than ImGui's current one, which exists only inside a frame.
  const ImGuiIO& io = ImGui::GetIO();
  ImFont* font = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  if (!font) return 0;
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x * io.FontGlobalScale;
}

double Window::fontSize() { return kFontSize; }

bool Window::settled() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!g.InputEventsQueue.empty()) return false;
  for (const ImGuiWindow* window : g.Windows)
    if (window->Active && (window->HiddenFramesCanSkipItems > 0 || window->HiddenFramesCannotSkipItems > 0))
      return false;
  return true;
}

void Window::recreateDeviceObjects() {
  if (imgui_ready_) renderer_.restore();
}

void Window::beginFrame() {
  rebuildFontIfScaleChanged();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void Window::endFrame(std::uint32_t background) {
  ImGui::Render();
  int dw = 0, dh = 0;
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  platform::clearFrame(dw, dh, ((background >> 16) & 0xFF) / 255.0f, ((background >> 8) & 0xFF) / 255.0f,
                       (background & 0xFF) / 255.0f);
  renderer_.render(*ImGui::GetDrawData());
  SDL_GL_SwapWindow(window_);
}

}  // namespace app
