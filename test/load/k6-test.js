// The seed's k6 load test, kept for runs against a real deployment:
//   k6 run -e BASE_URL=https://edge-quiz.example.workers.dev test/load/k6-test.js
// `npm run load` reproduces it in Node against the built Worker (scripts/load/); a test checks
// that both send the same requests.
import { check, sleep } from "k6";
import http from "k6/http";

const BASE_URL = __ENV.BASE_URL || "http://localhost:8787";

export const options = {
  stages: [
    { duration: "2m", target: 100 },
    { duration: "5m", target: 100 },
    { duration: "2m", target: 200 },
    { duration: "5m", target: 200 },
    { duration: "2m", target: 0 },
  ],
  thresholds: {
    http_req_duration: ["p(95)<500"],
    http_req_failed: ["rate<0.1"],
  },
};

export default function () {
  const question = http.get(`${BASE_URL}/api/questions/random`);
  check(question, {
    "question status is 200": (r) => r.status === 200,
    "question under 200ms": (r) => r.timings.duration < 200,
  });

  const session = http.post(`${BASE_URL}/api/sessions/start`, { topic: "math", difficulty: 3 });
  check(session, {
    "session status is 201": (r) => r.status === 201,
    "session under 200ms": (r) => r.timings.duration < 200,
  });

  sleep(1);
}
