"""costing"""
