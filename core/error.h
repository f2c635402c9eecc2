// Our own error type. Third-party failures (PROJ, JSON parsing) are turned into it at the
// edge, so callers never see a library's error codes.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace core {

struct Error {
  std::string message;
};

// Thrown only where there is no sensible partial result, such as a Projector that cannot
// open its database.
class Exception : public std::runtime_error {
 public:
  explicit Exception(const Error& error) : std::runtime_error(error.message) {}
};

// A value or an Error. Small on purpose: enough for per-item failures in hot loops.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(state_); }
  T& value() { return std::get<0>(state_); }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace core
