export const id = 93;
export const ids = [93];
export const modules = {

/***/ 9093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   wire: () => (/* binding */ wire)
/* harmony export */ });
/* harmony import */ var _shared_wiring_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1058);

/** The only place canary builds adapters (loaded once the inputs are valid). */
function wire(inputs, context) {
    const { ports, clients } = (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_0__/* .awsPorts */ .E_)(inputs, context);
    const plan = { ...(0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_0__/* .twoColorPlan */ .J3)(inputs, clients), taskDefinition: inputs.taskDefinition, steps: inputs.steps };
    (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_0__/* .warnIfRunOutlivesCredentials */ .A_)(inputs, plan, plan.steps.length, context.log);
    return { plan, ports: { ...ports, onTaskDefinition: context.onTaskDefinition } };
}


/***/ })

};
