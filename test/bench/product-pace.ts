// Loaded by every benchmark that can run alone (and by run.ts): the harness's engines then keep the
// paces the product keeps for a person, Clockify's ten requests a second among them, instead of the
// tests' lifted pace (test/support/test-pace.ts). A benchmark measures the product as it ships.
import { PRODUCT_PACE } from '../support/test-pace.ts';

process.env[PRODUCT_PACE] = '1';
