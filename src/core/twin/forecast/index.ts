export { fitHoltWinters, fitBest, forecastSteps } from './holt-winters';
export type { HoltWintersModel, HoltWintersParams, ForecastStep } from './holt-winters';
export { forecastLink, crossings, DAY_MS } from './link-forecast';
export type {
  UtilisationHistory,
  ForecastPoint,
  LinkForecast,
  ForecastOptions,
  Crossing,
} from './link-forecast';
